import { env, SELF } from "cloudflare:test";
import { directories } from "edgeserve:manifest";
import { describe, expect, it } from "vitest";
import type { EntryRecord } from "../../src/shared/manifest.js";
import { splitRequestUrl } from "../../src/shared/paths.js";
import { type Config, readConfig } from "../../src/worker/config.js";
import type { Env } from "../../src/worker/env.js";
import { createManifestIndex } from "../../src/worker/manifest-index.js";
import { decideRead } from "../../src/worker/read.js";
import { respond } from "../../src/worker/respond.js";

/**
 * --compress, --clean-urls and --spa at the worker level, on both file bindings: the fixture's
 * manifest with a Config built here (the worker under test/wrangler.test.toml runs with them off).
 */
const BASE = readConfig(env as Env);
const COMPRESS: Config = { ...BASE, isCompressionOn: true };
const ROUTING: Config = { ...BASE, hasCleanUrls: true, spaPage: ["home.html"] };

/** The fixture's manifest with the siblings' times set (a checkout's file times are in no order). */
function manifestWithSiblingAge(ageMs: number) {
  const records = JSON.parse(directories.compress as string) as EntryRecord[];
  const appTime = records.find(([name]) => name === "app.js")![2];
  const patched = records.map(
    (record): EntryRecord => (/\.(br|gz)$/.test(record[0]) ? [record[0], record[1], appTime - ageMs, record[3]] : record),
  );
  return createManifestIndex({ ...directories, compress: JSON.stringify(patched) });
}
const FRESH = manifestWithSiblingAge(0);
const STALE = manifestWithSiblingAge(1000);

async function serve(path: string, headers: Record<string, string> = {}, { config = COMPRESS, manifest = FRESH, method = "GET" } = {}) {
  const request = new Request(`http://example.com${path}`, { method, headers });
  const outcome = await decideRead({ request, target: splitRequestUrl(request.url), config, manifest, wantsJson: false });
  return respond(outcome, { isHead: method === "HEAD", wantsJson: false, config });
}

const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer());
const gunzip = async (bytes: Uint8Array) =>
  new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
const APP_JS = async () => bytesOf(await serve("/compress/app.js", {}, { config: BASE }));

describe("--compress", () => {
  it("sends a fresh .br sibling as it is, with the file's type, its own length and Vary", async () => {
    const response = await serve("/compress/app.js", { "Accept-Encoding": "gzip, br" });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Encoding")).toBe("br");
    expect(response.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("Vary")).toBe("Accept-Encoding");
    const body = await bytesOf(response);
    expect(response.headers.get("Content-Length")).toBe(String(body.byteLength));
    expect(body.byteLength).toBeLessThan((await APP_JS()).byteLength / 4);
    expect(response.headers.get("ETag")).toMatch(/^"[0-9a-f]+-[0-9a-f]+-br"$/);
  });

  it("sends a fresh .gz sibling whose bytes decompress to the file", async () => {
    const response = await serve("/compress/app.js", { "Accept-Encoding": "gzip" });
    expect(response.headers.get("Content-Encoding")).toBe("gzip");
    expect(response.headers.get("ETag")).toMatch(/-gz"$/);
    expect(await gunzip(await bytesOf(response))).toEqual(await APP_JS());
  });

  it("compresses on the fly when the siblings are older than the file: no Content-Length, a weak tag", async () => {
    const response = await serve("/compress/app.js", { "Accept-Encoding": "br" }, { manifest: STALE });
    expect(response.headers.get("Content-Encoding")).toBe("br");
    expect(response.headers.get("Content-Length")).toBeNull();
    expect(response.headers.get("ETag")).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+-br"$/);
    expect(response.headers.get("Vary")).toBe("Accept-Encoding");
    // The runtime encodes as it sends; in the worker the body is still the file's bytes.
    expect(await bytesOf(response)).toEqual(await APP_JS());
  });

  it("compresses an HTML page without siblings on the fly with gzip", async () => {
    const response = await serve("/compress/long.html", { "Accept-Encoding": "gzip" });
    expect(response.headers.get("Content-Encoding")).toBe("gzip");
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    await response.arrayBuffer();
  });

  it("answers a Range with identity bytes and still says Vary", async () => {
    const response = await serve("/compress/app.js", { "Accept-Encoding": "gzip, br", Range: "bytes=0-9" });
    expect(response.status).toBe(206);
    expect(response.headers.get("Content-Encoding")).toBeNull();
    expect(response.headers.get("Vary")).toBe("Accept-Encoding");
    expect(new TextDecoder().decode(await bytesOf(response))).toBe(new TextDecoder().decode(await APP_JS()).slice(0, 10));
  });

  it.each([
    ["a precompressed answer", FRESH],
    ["an on-the-fly answer", STALE],
  ])("answers HEAD with GET's headers for %s", async (_name, manifest) => {
    const headers = { "Accept-Encoding": "br" };
    const get = await serve("/compress/app.js", headers, { manifest });
    const head = await serve("/compress/app.js", headers, { manifest, method: "HEAD" });
    for (const name of ["Content-Encoding", "Content-Length", "Content-Type", "ETag", "Vary"])
      expect(head.headers.get(name)).toBe(get.headers.get(name));
    expect((await bytesOf(head)).byteLength).toBe(0);
    await get.arrayBuffer();
  });

  it("answers 304 to the encoded answer's own tag, with Vary, and 200 to the identity tag", async () => {
    const first = await serve("/compress/app.js", { "Accept-Encoding": "br" });
    await first.arrayBuffer();
    const again = await serve("/compress/app.js", { "Accept-Encoding": "br", "If-None-Match": first.headers.get("ETag")! });
    expect(again.status).toBe(304);
    expect(again.headers.get("Vary")).toBe("Accept-Encoding");
    expect(again.headers.get("ETag")).toBe(first.headers.get("ETag"));
    const identity = await serve("/compress/app.js", {}, { config: BASE });
    await identity.arrayBuffer();
    const other = await serve("/compress/app.js", { "Accept-Encoding": "br", "If-None-Match": identity.headers.get("ETag")! });
    expect(other.status).toBe(200);
    await other.arrayBuffer();
  });

  it("sends identity bytes with Vary to a client without Accept-Encoding", async () => {
    const response = await serve("/compress/app.js");
    expect(response.headers.get("Content-Encoding")).toBeNull();
    expect(response.headers.get("Vary")).toBe("Accept-Encoding");
    expect(response.headers.get("ETag")).toBe((await serve("/compress/app.js", {}, { config: BASE })).headers.get("ETag"));
    await response.arrayBuffer();
  });

  it.each(["/hello.txt", "/videos/clip.mp4"])("leaves %s (small, or not text) alone, without Vary", async (path) => {
    const response = await serve(path, { "Accept-Encoding": "gzip, br" });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Encoding")).toBeNull();
    expect(response.headers.get("Vary")).toBeNull();
    expect(response.headers.get("Content-Length")).not.toBeNull();
    await response.arrayBuffer();
  });
});

describe("--clean-urls and --spa", () => {
  it("serves about.html at /compress/about", async () => {
    const response = await serve("/compress/about", {}, { config: ROUTING });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("<h1>About us</h1>");
  });

  it("moves /compress/about.html to /compress/about, keeping the query", async () => {
    const response = await serve("/compress/about.html?x=1&y=%2F", {}, { config: ROUTING });
    expect(response.status).toBe(301);
    expect(response.headers.get("Location")).toBe("/compress/about?x=1&y=%2F");
  });

  it("moves //compress/about.html to a same-origin path, never to //host", async () => {
    const response = await serve("//compress/about.html", {}, { config: ROUTING });
    expect(response.status).toBe(301);
    expect(response.headers.get("Location")).toBe("/compress/about");
  });

  it("answers a client route with the --spa page and 200", async () => {
    const [route, home] = [await serve("/app/users/42", {}, { config: ROUTING }), await serve("/home.html", {}, { config: BASE })];
    expect(route.status).toBe(200);
    expect(route.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(await route.text()).toBe(await home.text());
  });

  it("still answers 404 for a missing path with an extension", async () => {
    const response = await serve("/app/missing.js", {}, { config: ROUTING });
    expect(response.status).toBe(404);
    await response.arrayBuffer();
  });

  it("lets the greeting win over the --spa page", async () => {
    const response = await serve("/hello?name=Billy", {}, { config: ROUTING });
    expect(await response.text()).toContain("Hello Billy!");
  });

  it("lets files and listings win over the --spa page", async () => {
    expect(await (await serve("/hello.txt", {}, { config: ROUTING })).text()).toBe("Hello, edgeserve!\n");
    expect(await (await serve("/nested/", {}, { config: ROUTING })).text()).toContain("file10.txt");
  });
});

describe("without the flags (the worker's own variables)", () => {
  const get = (path: string, headers: Record<string, string> = {}) =>
    SELF.fetch(`http://example.com${path}`, { headers, redirect: "manual" });

  it("reads all three flags as off", () => {
    expect(BASE).toMatchObject({ isCompressionOn: false, hasCleanUrls: false, spaPage: null });
  });

  it("serves app.js as itself, with its length and no Vary, to a br client", async () => {
    const response = await get("/compress/app.js", { "Accept-Encoding": "gzip, br" });
    expect(response.headers.get("Content-Encoding")).toBeNull();
    expect(response.headers.get("Vary")).toBeNull();
    expect(response.headers.get("Content-Length")).toBe(String((await APP_JS()).byteLength));
    await response.arrayBuffer();
  });

  it.each([
    ["/compress/about", 404],
    ["/compress/about.html", 200],
    ["/app/users/42", 404],
  ])("answers %s with %i", async (path, status) => {
    const response = await get(path);
    expect(response.status).toBe(status);
    await response.arrayBuffer();
  });
});
