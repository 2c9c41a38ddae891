import { describe, expect, it } from "vitest";
import type { EntryRecord } from "../../src/shared/manifest.js";
import { splitRequestUrl } from "../../src/shared/paths.js";
import { type Config, readConfig } from "../../src/worker/config.js";
import type { Env } from "../../src/worker/env.js";
import type { FileSource } from "../../src/worker/file-source.js";
import { createManifestIndex, type ManifestIndex } from "../../src/worker/manifest-index.js";
import { prefersJson } from "../../src/worker/negotiate.js";
import { decideRead } from "../../src/worker/read.js";
import { respond } from "../../src/worker/respond.js";

/**
 * One GET or HEAD through the handler on plain values: an in-memory manifest, and a fake
 * FileSource holding each file's text. What the runtime adds (Date, nosniff) is index.test.ts's.
 */
const CONTENT: Record<string, string> = {
  "notes.txt": "some notes",
  "404.html": "<h1>custom 404</h1>",
  "hello/real.txt": "real",
  hello: "file",
};
const file = (name: string, size: number, mtimeMs = 1000): EntryRecord => [name, size, mtimeMs, "text/plain; charset=utf-8"];
const directory = (name: string): EntryRecord => [name, -1, 1000, ""];

const SITE: Record<string, EntryRecord[]> = {
  "": [directory("docs"), directory("pics"), file("notes.txt", 10), file("404.html", 19)],
  docs: [file("a.txt", 300, 3000), file("b.txt", 100, 1000), file("c.txt", 200, 2000)],
  pics: [file("z.png", 1)],
};

function fakeFiles(maxFileBytes = Number.POSITIVE_INFINITY): FileSource {
  return {
    maxFileBytes,
    async read(segments, { method }) {
      const text = CONTENT[segments.join("/")];
      if (text === undefined) return { kind: "missing" };
      return { kind: "found", length: text.length, body: method === "HEAD" ? null : new Response(text).body };
    },
  };
}

/** The defaults the worker resolves from its variables, with a fake FileSource for the bytes. */
function configWith(overrides: Partial<Config> = {}): Config {
  const env = { ASSETS: { fetch: () => Promise.reject(new Error("not used")) } as unknown as Fetcher, REQUEST_LOG: "off" } as Env;
  return { ...readConfig(env), greetSegments: ["hello"], files: fakeFiles(), ...overrides };
}

/** A GET or HEAD decided by read.ts and answered by respond.ts, as the worker's route does. */
async function handleRead({ request, config, manifest }: { request: Request; config: Config; manifest: ManifestIndex }): Promise<Response> {
  const format = new URL(request.url).searchParams.get("format");
  const context = { isHead: request.method === "HEAD", wantsJson: prefersJson(request.headers.get("Accept"), format), config };
  return respond(
    await decideRead({ request, target: splitRequestUrl(request.url), config, manifest, wantsJson: context.wantsJson }),
    context,
  );
}

function manifestOf(site: Record<string, EntryRecord[]>) {
  return createManifestIndex(Object.fromEntries(Object.entries(site).map(([key, records]) => [key, JSON.stringify(records)])));
}

async function get(
  path: string,
  options: { config?: Config; manifest?: ReturnType<typeof manifestOf>; method?: string; headers?: Record<string, string> } = {},
) {
  const request = new Request(`http://localhost${path}`, { method: options.method ?? "GET", headers: options.headers ?? {} });
  const response = await handleRead({ request, config: options.config ?? configWith(), manifest: options.manifest ?? manifestOf(SITE) });
  return { response, text: await response.text() };
}

const namesIn = (text: string) => (JSON.parse(text) as { entries: { name: string }[] }).entries.map((entry) => entry.name);

describe("a read: listings, rendered once per manifest and request form", () => {
  it("answers each sort of one directory in its own order, whatever was asked before", async () => {
    const manifest = manifestOf(SITE);
    const orders = [];
    for (const query of ["sort=size", "sort=name", "sort=modified&order=desc", "sort=size&order=desc", "sort=size"]) {
      orders.push(namesIn((await get(`/docs/?format=json&${query}`, { manifest })).text));
    }
    expect(orders).toEqual([
      ["b.txt", "c.txt", "a.txt"],
      ["a.txt", "b.txt", "c.txt"],
      ["a.txt", "c.txt", "b.txt"],
      ["a.txt", "c.txt", "b.txt"],
      ["b.txt", "c.txt", "a.txt"],
    ]);
  });

  it("answers HTML and JSON of one directory each in its own form", async () => {
    const manifest = manifestOf(SITE);
    const html = await get("/docs/", { manifest });
    const json = await get("/docs/", { manifest, headers: { Accept: "application/json" } });
    expect(html.response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(html.text).toContain("<table>");
    expect(namesIn(json.text)).toEqual(["a.txt", "b.txt", "c.txt"]);
    expect((await get("/docs/", { manifest })).text).toBe(html.text);
  });

  it("answers two directories each with its own entries", async () => {
    const manifest = manifestOf(SITE);
    expect(namesIn((await get("/docs/?format=json", { manifest })).text)).toEqual(["a.txt", "b.txt", "c.txt"]);
    expect(namesIn((await get("/pics/?format=json", { manifest })).text)).toEqual(["z.png"]);
  });

  it("shows a new manifest's entries at once, though the old one's listing was rendered", async () => {
    await get("/pics/?format=json", { manifest: manifestOf(SITE) });
    const pushed = manifestOf({ ...SITE, pics: [file("new.png", 2)] });
    expect(namesIn((await get("/pics/?format=json", { manifest: pushed })).text)).toEqual(["new.png"]);
  });
});

describe("a read: addresses", () => {
  it.each([
    [`/${"a".repeat(2049)}`, 414],
    [`/notes.txt?${"q".repeat(2048)}`, 414],
    [`/notes.txt?${"q".repeat(2047)}`, 200],
    ["/a%00b", 400],
    ["/%E0%A4%A", 400],
    ["/notes.txt", 200],
    ["/notes.txt/", 404],
    ["/nothing-here", 404],
  ])("answers %s with %i", async (path, status) => {
    expect((await get(path)).response.status).toBe(status);
  });

  it("redirects a directory without its slash to the slash form, keeping the query", async () => {
    const { response } = await get("/docs?sort=size&order=desc");
    expect(response.status).toBe(301);
    expect(response.headers.get("Location")).toBe("/docs/?sort=size&order=desc");
  });

  it("serves the file's bytes for GET and only its headers for HEAD", async () => {
    expect((await get("/notes.txt")).text).toBe("some notes");
    const head = await get("/notes.txt", { method: "HEAD" });
    expect([head.response.status, head.text, head.response.headers.get("Content-Length")]).toEqual([200, "", "10"]);
  });

  it("serves the home page at the root when one is set", async () => {
    expect((await get("/", { config: configWith({ homePage: ["notes.txt"] }) })).text).toBe("some notes");
  });
});

describe("a read: not found", () => {
  it("answers with the folder's own 404.html, asked for as a whole GET", async () => {
    const { response, text } = await get("/nothing-here");
    expect([response.status, text, response.headers.get("Content-Length")]).toEqual([404, "<h1>custom 404</h1>", "19"]);
  });

  it("answers JSON with the status and no page when JSON is preferred", async () => {
    const { response, text } = await get("/nothing-here", { headers: { Accept: "application/json" } });
    expect(response.status).toBe(404);
    expect(JSON.parse(text)).toMatchObject({ error: { status: 404 } });
  });

  it("answers HEAD with the 404.html's headers and no body", async () => {
    const { response, text } = await get("/nothing-here", { method: "HEAD" });
    expect([response.status, text, response.headers.get("Content-Length")]).toEqual([404, "", "19"]);
  });

  it.each<[string, { config?: Config; manifest?: ReturnType<typeof manifestOf>; headers?: Record<string, string> }]>([
    ["the 404.html is over the binding's limit", { config: configWith({ files: fakeFiles(18) }) }],
    [
      "the 404.html is gone from the binding",
      {
        manifest: manifestOf({ ...SITE, "": [file("404.html", 19), ...(SITE[""] ?? [])] }),
        config: configWith({ files: { maxFileBytes: 100, read: async () => ({ kind: "missing" }) } }),
      },
    ],
    [
      "the binding gives the 404.html no length",
      {
        config: configWith({
          files: { maxFileBytes: 100, read: async () => ({ kind: "found", length: null, body: new Response("x").body }) },
        }),
      },
    ],
    ["the folder has no 404.html", { manifest: manifestOf({ ...SITE, "": [file("notes.txt", 10)] }) }],
  ])("answers with edgeserve's own page naming the path when %s", async (_case, options) => {
    const { response, text } = await get("/nothing-%C3%A9", options);
    expect(response.status).toBe(404);
    expect(text).not.toContain("custom 404");
    expect(text).toContain("nothing-é");
  });
});

describe("a read: the greeting", () => {
  it("greets the first name given at the greeting's path", async () => {
    const { response, text } = await get("/hello?name=&name=Billy&name=Ann");
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-cache");
    expect(text).toContain("<h1>Hello Billy!</h1>");
  });

  it.each([
    [false, "/hello/real.txt", 200, "real"],
    [true, "/hello", 200, "Hello World!"],
    [false, "/hello", 301, ""],
    [false, "/hello/other", 404, "custom 404"],
  ])("with the greeting winning %s, answers %s with %i", async (doesGreetingWin, path, status, shown) => {
    const site = { ...SITE, "": [...(SITE[""] ?? []), directory("hello")], hello: [file("real.txt", 4)] };
    const { response, text } = await get(path, { manifest: manifestOf(site), config: configWith({ doesGreetingWin }) });
    expect(response.status).toBe(status);
    expect(text).toContain(shown);
  });

  it("gives a real file at the greeting's path precedence unless the greeting was chosen", async () => {
    const site = { ...SITE, "": [...(SITE[""] ?? []), file("hello", 4)] };
    expect((await get("/hello", { manifest: manifestOf(site) })).text).toBe("file");
    expect((await get("/hello", { manifest: manifestOf(site), config: configWith({ doesGreetingWin: true }) })).text).toContain(
      "Hello World!",
    );
    expect((await get("/hello", { manifest: manifestOf(site), config: configWith({ greetSegments: null }) })).text).toBe("file");
    expect(
      (await get("/", { manifest: manifestOf(site), config: configWith({ greetSegments: [], doesGreetingWin: true }) })).text,
    ).toContain("Hello World!");
  });

  it("answers HEAD at the greeting's path with no body", async () => {
    const { response, text } = await get("/hello", { method: "HEAD" });
    expect([response.status, text]).toEqual([200, ""]);
    expect(Number(response.headers.get("Content-Length"))).toBeGreaterThan(0);
  });
});

describe("a read: a file's status and headers", () => {
  const ETAG = '"a-3e8"';
  it.each<[string, Record<string, string>, number, Record<string, string | null>]>([
    [
      "the whole file",
      {},
      200,
      { "Content-Length": "10", "Content-Range": null, ETag: ETAG, "Accept-Ranges": "bytes", "Cache-Control": "no-cache" },
    ],
    ["a matching If-None-Match", { "If-None-Match": ETAG }, 304, { ETag: ETAG, "Content-Length": null }],
    ["a failing If-Match", { "If-Match": '"other"' }, 412, { ETag: null }],
    ["one range", { Range: "bytes=2-4" }, 206, { "Content-Length": "3", "Content-Range": "bytes 2-4/10" }],
    ["a range past the end", { Range: "bytes=50-" }, 416, { "Content-Range": "bytes */10" }],
  ])("answers %s with its status and headers", async (_case, headers, status, expected) => {
    const { response } = await get("/notes.txt", { headers });
    expect(response.status).toBe(status);
    for (const [name, value] of Object.entries(expected)) expect([name, response.headers.get(name)]).toEqual([name, value]);
  });

  it.each<[string, FileSource, number, Record<string, string>]>([
    ["gone from the binding", { maxFileBytes: 100, read: async () => ({ kind: "missing" }) }, 404, {}],
    ["being rewritten", { maxFileBytes: 100, read: async () => ({ kind: "busy" }) }, 503, { "Retry-After": "1" }],
    ["too large for the binding", { maxFileBytes: 5, read: async () => ({ kind: "missing" }) }, 403, {}],
  ])("answers a file %s with %i", async (_case, files, status, expected) => {
    const { response } = await get("/notes.txt", { config: configWith({ files }) });
    expect(response.status).toBe(status);
    expect(Object.fromEntries(Object.keys(expected).map((name) => [name, response.headers.get(name)]))).toEqual(expected);
  });

  it.each([
    ["text/html; charset=utf-8", {}],
    ["application/json; charset=utf-8", { Accept: "application/json" }],
  ])("answers a listing as %s, varying on Accept and revalidated", async (type, headers) => {
    const { response, text } = await get("/docs/", { headers });
    expect([response.headers.get("Content-Type"), response.headers.get("Vary"), response.headers.get("Cache-Control")]).toEqual([
      type,
      "Accept",
      "no-cache",
    ]);
    expect(response.headers.get("Content-Length")).toBe(String(new TextEncoder().encode(text).byteLength));
  });

  it.each([
    [{}, "text/html; charset=utf-8"],
    [{ Accept: "application/json" }, "application/json; charset=utf-8"],
  ])("answers an error with Vary: Accept and no Allow (request headers %j)", async (headers, type) => {
    const { response } = await get("/a%00b", { headers });
    expect([response.status, response.headers.get("Content-Type"), response.headers.get("Vary"), response.headers.get("Allow")]).toEqual([
      400,
      type,
      "Accept",
      null,
    ]);
  });
});
