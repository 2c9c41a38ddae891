import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

/** Behaviour of the whole worker inside workerd, serving test/fixtures/site (test/wrangler.test.toml). */
const get = (path: string, init?: RequestInit) => SELF.fetch(`http://example.com${path}`, { redirect: "manual", ...init });

async function etagOf(path: string): Promise<string> {
  const response = await get(path);
  await response.arrayBuffer();
  return response.headers.get("ETag") ?? "";
}

describe("files", () => {
  it("serves a file byte-for-byte with type, length and validators", async () => {
    const response = await get("/hello.txt");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("Content-Length")).toBe("18");
    expect(response.headers.get("ETag")).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(response.headers.get("Last-Modified")).toMatch(/GMT$/);
    expect(response.headers.get("Accept-Ranges")).toBe("bytes");
    expect(response.headers.get("Cache-Control")).toBe("no-cache");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(await response.text()).toBe("Hello, edgeserve!\n");
  });

  it.each([
    ["/nested/data.json", "application/json; charset=utf-8"],
    ["/videos/clip.mp4", "video/mp4"],
    ["/unicode-%C3%BC/na%C3%AFve%20caf%C3%A9.txt", "text/plain; charset=utf-8"],
    ["/with%20space/a%20file%20%231%3F.txt", "text/plain; charset=utf-8"],
    ["/with%20space/100%25.txt", "text/plain; charset=utf-8"],
  ])("serves %s as %s", async (path, type) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(type);
    await response.arrayBuffer();
  });

  it("answers HEAD with GET's status and headers and no body", async () => {
    const head = await get("/alphabet.txt", { method: "HEAD" });
    const full = await get("/alphabet.txt");
    expect(head.status).toBe(200);
    for (const name of ["Content-Type", "Content-Length", "ETag", "Last-Modified", "Accept-Ranges"]) {
      expect(head.headers.get(name)).toBe(full.headers.get(name));
    }
    expect(await head.text()).toBe("");
    expect(await full.text()).toBe("0123456789abcdefghijklmnopqrstuvwxyz");
  });

  it("answers 404 for a file asked with a trailing slash", async () => {
    expect((await get("/hello.txt/")).status).toBe(404);
  });
});

describe("what is never served", () => {
  it.each([
    "/.env",
    "/.assetsignore",
    "/nested/.hidden.txt",
    "/%2eenv",
    "/ignored-by-rule.txt",
    "/empty/.gitkeep",
    "/../package.json",
    "/%2e%2e/package.json",
    "/nested/%2e%2e/%2e%2e/wrangler.test.toml",
  ])("%s is 404", async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("SECRET");
  });

  it.each(["/_headers", "/_redirects", "/_worker.js"])("%s is served as a plain file, never as platform configuration", async (path) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get("X-Injected")).toBeNull();
    await response.arrayBuffer();
  });

  it("does not apply the folder's _redirects", async () => {
    const response = await get("/anything");
    expect(response.status).toBe(404);
    expect(response.headers.get("Location")).toBeNull();
  });

  it.each([
    ["NUL", "/a%00b", 400],
    ["an encoded backslash", "/a%5cb", 400],
    ["truncated UTF-8", "/%E0%A4%A", 400],
    ["overlong UTF-8 dots", "/%C0%AE%C0%AE/", 400],
    ["a 3,000-character path", `/${"a".repeat(3000)}`, 414],
  ])("a path with %s answers %i", async (_label, path, status) => {
    const response = await get(path);
    expect(response.status).toBe(status);
    await response.arrayBuffer();
  });
});

describe("directories", () => {
  it("redirects a directory without its slash, keeping the query", async () => {
    const response = await get("/nested?sort=size");
    expect(response.status).toBe(301);
    expect(response.headers.get("Location")).toBe("/nested/?sort=size");
  });

  it("never redirects off-origin, even for a path starting with //", async () => {
    const response = await get("//evil.example/nested");
    expect([301, 404]).toContain(response.status);
    const location = response.headers.get("Location");
    if (location !== null) expect(location.startsWith("//")).toBe(false);
  });

  it("serves index.html for a directory that has one", async () => {
    const response = await get("/nested/deeper/");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("nested index");
  });

  it("lists a directory with every visible entry linked and nothing hidden", async () => {
    const response = await get("/nested/");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("Vary")).toBe("Accept");
    expect(response.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    const body = await response.text();
    expect(body).toContain("Index of /nested/");
    for (const href of ['href="deeper/"', 'href="file2.txt"', 'href="file10.txt"', 'href="File1.txt"', 'href="data.json"', 'href="/"']) {
      expect(body).toContain(href);
    }
    expect(body).not.toContain(".hidden.txt");
    expect(body.indexOf("File1.txt")).toBeLessThan(body.indexOf("file2.txt"));
    expect(body.indexOf("file2.txt")).toBeLessThan(body.indexOf("file10.txt"));
  });

  it("encodes awkward names in hrefs and escapes them in text", async () => {
    const spaces = await (await get("/with%20space/")).text();
    expect(spaces).toContain('href="a%20file%20%231%3F.txt"');
    expect(spaces).toContain('href="100%25.txt"');
    const root = await (await get("/hostile/")).text();
    expect(root).not.toContain("<script>alert(1)");
    expect(root).toContain("&lt;script&gt;alert(1)&lt;!-- x.txt");
    expect(root).toContain('href="%3Cscript%3Ealert(1)%3C!--%20x.txt"');
    expect(root).toContain("&quot;quoted&quot; &amp; &#39;single&#39;.txt");
  });

  it("lists an empty directory", async () => {
    const body = await (await get("/empty/")).text();
    expect(body).toContain('<p class="summary">0 files, 0 B in total<span id="shown"');
    expect(body).not.toContain("0 directories");
  });

  it("answers JSON when asked, with the documented shape", async () => {
    for (const init of [{ headers: { Accept: "application/json" } }, {}]) {
      const response = await get(init.headers ? "/nested/" : "/nested/?format=json", init);
      expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
      const listing = (await response.json()) as {
        path: string;
        entries: { name: string; type: string; size: number | null; mtime: string }[];
      };
      expect(listing.path).toBe("/nested/");
      expect(listing.entries.map((entry) => entry.name)).toEqual(["deeper", "data.json", "File1.txt", "file2.txt", "file10.txt"]);
      expect(listing.entries[0]).toMatchObject({ type: "directory", size: null });
      expect(listing.entries[1]).toMatchObject({ type: "file", size: 12 });
      expect(listing.entries[1]?.mtime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
  });

  it("gives curl's */* the HTML listing", async () => {
    const response = await get("/nested/", { headers: { Accept: "*/*" } });
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    await response.arrayBuffer();
  });
});

describe("home page and greeting", () => {
  it("serves the home page at /", async () => {
    const response = await get("/");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Home page");
  });

  it.each([
    ["/hello?name=Billy", "<h1>Hello Billy!</h1>"],
    ["/hello", "<h1>Hello World!</h1>"],
    ["/hello?name=", "<h1>Hello World!</h1>"],
    ["/hello?name=Ann&name=Bob", "<h1>Hello Ann!</h1>"],
    ["/hello?name=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "<h1>Hello &lt;script&gt;alert(1)&lt;/script&gt;!</h1>"],
  ])("%s says %s", async (path, heading) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(await response.text()).toContain(heading);
  });
});

describe("HTTP semantics", () => {
  it("answers 304 to a matching If-None-Match, with validators and no body", async () => {
    const etag = await etagOf("/hello.txt");
    for (const value of [etag, `W/${etag}`, `"nope", ${etag}`, "*"]) {
      const response = await get("/hello.txt", { headers: { "If-None-Match": value } });
      expect(response.status).toBe(304);
      expect(response.headers.get("ETag")).toBe(etag);
      expect(await response.text()).toBe("");
    }
    expect((await get("/hello.txt", { headers: { "If-None-Match": '"other"' } })).status).toBe(200);
  });

  it("answers 304 to If-Modified-Since, unless If-None-Match disagrees", async () => {
    const lastModified = (await get("/hello.txt")).headers.get("Last-Modified") ?? "";
    expect((await get("/hello.txt", { headers: { "If-Modified-Since": lastModified } })).status).toBe(304);
    const both = await get("/hello.txt", { headers: { "If-Modified-Since": lastModified, "If-None-Match": '"other"' } });
    expect(both.status).toBe(200);
    await both.arrayBuffer();
  });

  it.each([
    ["bytes=0-4", 206, "01234", "bytes 0-4/36"],
    ["bytes=-5", 206, "vwxyz", "bytes 31-35/36"],
    ["bytes=30-", 206, "uvwxyz", "bytes 30-35/36"],
    ["bytes=30-1000", 206, "uvwxyz", "bytes 30-35/36"],
    ["bytes=0-0,5-6", 200, "0123456789abcdefghijklmnopqrstuvwxyz", null],
    ["bytes=x-y", 200, "0123456789abcdefghijklmnopqrstuvwxyz", null],
  ])("Range %s answers %i", async (range, status, body, contentRange) => {
    const response = await get("/alphabet.txt", { headers: { Range: range } });
    expect(response.status).toBe(status);
    expect(response.headers.get("Content-Range")).toBe(contentRange);
    expect(response.headers.get("Content-Length")).toBe(String(body.length));
    expect(await response.text()).toBe(body);
  });

  it("answers 416 with the length for an unsatisfiable range", async () => {
    const response = await get("/alphabet.txt", { headers: { Range: "bytes=36-" } });
    expect(response.status).toBe(416);
    expect(response.headers.get("Content-Range")).toBe("bytes */36");
    await response.arrayBuffer();
  });

  it("honours If-Range only when it names the current file", async () => {
    const etag = await etagOf("/alphabet.txt");
    const current = await get("/alphabet.txt", { headers: { Range: "bytes=0-1", "If-Range": etag } });
    expect(current.status).toBe(206);
    await current.arrayBuffer();
    const stale = await get("/alphabet.txt", { headers: { Range: "bytes=0-1", "If-Range": '"stale"' } });
    expect(stale.status).toBe(200);
    expect((await stale.text()).length).toBe(36);
  });

  it("answers other errors as a small HTML page", async () => {
    const response = await get("/a%00b");
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(await response.text()).toContain("400 Bad request");
  });

  it("answers 431 to oversize headers, before any other work", async () => {
    const response = await get("/hello.txt", { headers: { "X-Big": "a".repeat(20_000) } });
    expect(response.status).toBe(431);
    await response.arrayBuffer();
  });

  it("answers 412 when If-Match fails", async () => {
    const response = await get("/hello.txt", { headers: { "If-Match": '"other"' } });
    expect(response.status).toBe(412);
    await response.arrayBuffer();
  });

  it.each(["POST", "PUT", "DELETE", "PATCH"])("answers %s with 405 and Allow", async (method) => {
    const response = await get("/hello.txt", { method });
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
    await response.arrayBuffer();
  });

  it("refuses a manifest push without the run's token like any other POST", async () => {
    for (const headers of [{}, { "X-Edgeserve-Token": "guess" }] as Record<string, string>[]) {
      const response = await get("/.edgeserve/manifest", { method: "POST", headers, body: JSON.stringify({ directories: { "": "[]" } }) });
      expect(response.status).toBe(405);
      await response.arrayBuffer();
    }
    const listing = await get("/nested/?format=json");
    expect(((await listing.json()) as { entries: unknown[] }).entries).toHaveLength(5);
  });

  it.each([
    ["a file", "/hello.txt", {}],
    ["a 404", "/missing.txt", {}],
    ["a 405", "/hello.txt", { method: "DELETE" }],
    ["a 431", "/hello.txt", { method: "POST", headers: { "X-Big": "x".repeat(20_000) } }],
  ] as [string, string, RequestInit][])("sends Date and nosniff on %s", async (_name, path, init) => {
    const response = await get(path, init);
    await response.arrayBuffer();
    expect(Math.abs(Date.parse(response.headers.get("Date") ?? "") - Date.now())).toBeLessThan(60_000);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });

  it("answers 431 to oversize headers whatever the method", async () => {
    for (const method of ["GET", "POST", "OPTIONS", "DELETE"]) {
      const response = await get("/hello.txt", { method, headers: { "X-Big": "x".repeat(20_000) } });
      await response.arrayBuffer();
      expect(response.status).toBe(431);
    }
  });

  it("answers OPTIONS with 204 and Allow", async () => {
    const response = await get("/hello.txt", { method: "OPTIONS" });
    expect(response.status).toBe(204);
    expect(response.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
  });

  it("answers 404 with the folder's own 404.html, or JSON when JSON is preferred", async () => {
    const html = await get("/missing.txt");
    expect(html.status).toBe(404);
    expect(html.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(await html.text()).toContain("custom 404 page");
    const json = await get("/missing.txt", { headers: { Accept: "application/json" } });
    expect(await json.json()).toMatchObject({ error: { status: 404 } });
  });
});
