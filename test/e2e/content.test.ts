import { mkdtemp, readFile, rm, utimes } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFolder, type RunningCli, runCli, startCli } from "../helpers/cli.js";

/** --compress, --clean-urls and --spa end to end: the CLI on a temp folder, raw bytes over 127.0.0.1. */

const APP_JS = `${Array.from({ length: 200 }, (_, i) => `export const value${i} = "item ${i}";`).join("\n")}\n`;
const PAGE = `<!doctype html>\n<title>Page</title>\n${"<p>the same words, again and again.</p>\n".repeat(80)}`;
const OLD_JS = `// the current version\n${"console.log('current');\n".repeat(80)}`;
const FILES = {
  "app.js": APP_JS,
  "app.js.br": brotliCompressSync(APP_JS),
  "page.html": PAGE,
  "old.js": OLD_JS,
  "old.js.gz": gzipSync(`// a previous version\n${"console.log('previous');\n".repeat(80)}`),
  "about.html": "<h1>About</h1>\n",
  "index.html": "<h1>The app shell</h1>\n",
  "photo.png": new Uint8Array(4096).fill(7),
};

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request whose body is read as sent: no client decompression. */
function request(url: string, headers: Record<string, string> = {}, method = "GET"): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const client = http.request(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    client.on("error", reject);
    client.end();
  });
}

let folder: string;
beforeAll(async () => {
  folder = await makeFolder(FILES);
  const now = Date.now() / 1000;
  await utimes(path.join(folder, "old.js.gz"), now - 3600, now - 3600);
  await utimes(path.join(folder, "old.js"), now, now);
  await utimes(path.join(folder, "app.js"), now - 60, now - 60);
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("edgeserve DIR --compress --clean-urls --spa", () => {
  let server: RunningCli;
  beforeAll(async () => {
    server = await startCli([folder, "--port", "0", "--compress", "--clean-urls", "--spa"], { direct: true });
  });
  afterAll(async () => {
    await server?.stop();
  });
  const at = (urlPath: string) => new URL(urlPath, server.url).href;

  it("sends the fresh app.js.br to a br client: Content-Encoding, its own length, Vary, bytes that decode to the file", async () => {
    const answer = await request(at("/app.js"), { "Accept-Encoding": "gzip, br" });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("br");
    expect(answer.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(answer.headers.vary).toBe("Accept-Encoding");
    expect(answer.headers["content-length"]).toBe(String(FILES["app.js.br"].byteLength));
    expect(brotliDecompressSync(answer.body).toString()).toBe(APP_JS);
  });

  it.each([
    ["gzip", gunzipSync],
    ["br", brotliDecompressSync],
  ] as const)("compresses page.html on the fly as %s, chunked, decoding to the file", async (coding, decode) => {
    const answer = await request(at("/page"), { "Accept-Encoding": coding });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBe(coding);
    expect(answer.headers["content-length"]).toBeUndefined();
    expect(answer.headers["transfer-encoding"]).toBe("chunked");
    expect(answer.headers.etag).toMatch(/^W\//);
    expect(decode(answer.body).toString()).toBe(PAGE);
  });

  it("ignores a sibling older than its file and encodes the current file instead", async () => {
    const answer = await request(at("/old.js"), { "Accept-Encoding": "gzip" });
    expect(answer.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(answer.body).toString()).toBe(OLD_JS);
  });

  it("answers a Range with identity bytes, and Vary", async () => {
    const answer = await request(at("/app.js"), { "Accept-Encoding": "gzip, br", Range: "bytes=7-20" });
    expect(answer.status).toBe(206);
    expect(answer.headers["content-encoding"]).toBeUndefined();
    expect(answer.headers["content-range"]).toBe(`bytes 7-20/${APP_JS.length}`);
    expect(answer.headers.vary).toBe("Accept-Encoding");
    expect(answer.body.toString()).toBe(APP_JS.slice(7, 21));
  });

  it("answers HEAD with GET's headers", async () => {
    for (const target of ["/app.js", "/page"]) {
      const [get, head] = [
        await request(at(target), { "Accept-Encoding": "br" }),
        await request(at(target), { "Accept-Encoding": "br" }, "HEAD"),
      ];
      for (const name of ["content-encoding", "content-length", "content-type", "etag", "vary"])
        expect(head.headers[name], `${target} ${name}`).toBe(get.headers[name]);
      expect(head.body.byteLength).toBe(0);
    }
  });

  it("answers 304 to the encoded answer's tag", async () => {
    const first = await request(at("/app.js"), { "Accept-Encoding": "br" });
    const again = await request(at("/app.js"), { "Accept-Encoding": "br", "If-None-Match": String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.headers.vary).toBe("Accept-Encoding");
  });

  it("sends an image and a client without Accept-Encoding the file's own bytes", async () => {
    const image = await request(at("/photo.png"), { "Accept-Encoding": "gzip, br" });
    expect(image.headers["content-encoding"]).toBeUndefined();
    expect(image.headers.vary).toBeUndefined();
    expect(image.body.byteLength).toBe(4096);
    const plain = await request(at("/app.js"));
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(APP_JS);
  });

  it("serves about.html at /about and moves /about.html there, keeping the query", async () => {
    expect((await request(at("/about"))).body.toString()).toBe("<h1>About</h1>\n");
    const moved = await request(at("/about.html?from=nav"));
    expect(moved.status).toBe(301);
    expect(moved.headers.location).toBe("/about?from=nav");
  });

  it("answers a client route with index.html and 200, and a missing file with an extension with 404", async () => {
    const route = await request(at("/users/42/edit"));
    expect(route.status).toBe(200);
    expect(route.body.toString()).toBe("<h1>The app shell</h1>\n");
    expect((await request(at("/users/42.json"))).status).toBe(404);
  });
});

describe("edgeserve DIR without the flags", () => {
  let server: RunningCli;
  beforeAll(async () => {
    server = await startCli([folder, "--port", "0"], { direct: true });
  });
  afterAll(async () => {
    await server?.stop();
  });
  const at = (urlPath: string) => new URL(urlPath, server.url).href;

  it("sends app.js as itself, with its length and no Vary, to a br client", async () => {
    const answer = await request(at("/app.js"), { "Accept-Encoding": "gzip, br" });
    expect(answer.headers["content-encoding"]).toBeUndefined();
    expect(answer.headers.vary).toBeUndefined();
    expect(answer.headers["content-length"]).toBe(String(APP_JS.length));
    expect(answer.body.toString()).toBe(APP_JS);
  });

  it.each([
    ["/about", 404],
    ["/about.html", 200],
    ["/users/42", 404],
  ])("answers %s with %i", async (target, status) => {
    expect((await request(at(target))).status).toBe(status);
  });
});

describe("edgeserve deploy --dry-run with the flags", () => {
  const outdirs: string[] = [];
  afterAll(async () => {
    await Promise.all(outdirs.map((outdir) => rm(outdir, { recursive: true, force: true })));
  });
  async function dryRun(flags: string[]) {
    const outdir = await mkdtemp(path.join(os.tmpdir(), "edgeserve-content-"));
    outdirs.push(outdir);
    const result = await runCli(["deploy", folder, "--name", "content-test", ...flags, "--dry-run", "--outdir", outdir], 60_000);
    expect(result.code, result.stderr).toBe(0);
    const config = JSON.parse(await readFile(path.join(outdir, "wrangler.json"), "utf8")) as {
      vars: Record<string, string>;
      assets: { directory: string };
    };
    return { outdir, config };
  }

  it("puts no variable for a flag that is not given", async () => {
    const { config } = await dryRun([]);
    for (const name of ["COMPRESS", "CLEAN_URLS", "SPA_PAGE"]) expect(config.vars).not.toHaveProperty(name);
  });

  it("writes the flags into wrangler.json, and the bundle answers with them", async () => {
    const { outdir, config } = await dryRun(["--compress", "--clean-urls", "--spa=index.html"]);
    expect(config.vars).toMatchObject({ COMPRESS: "on", CLEAN_URLS: "on", SPA_PAGE: "index.html" });
    const miniflare = new Miniflare({
      modules: true,
      scriptPath: path.join(outdir, "bundle", "index.js"),
      modulesRoot: path.join(outdir, "bundle"),
      compatibilityDate: "2026-04-01",
      bindings: config.vars,
      assets: {
        directory: config.assets.directory,
        binding: "ASSETS",
        routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true },
        assetConfig: { html_handling: "none", not_found_handling: "none" },
      },
    });
    try {
      const get = (target: string, headers: Record<string, string> = {}) =>
        miniflare.dispatchFetch(`http://preview.example${target}`, { headers, redirect: "manual" });
      expect(await (await get("/about")).text()).toBe("<h1>About</h1>\n");
      expect((await get("/about.html")).headers.get("Location")).toBe("/about");
      expect(await (await get("/users/42")).text()).toBe("<h1>The app shell</h1>\n");
      const compressed = await get("/app.js", { "Accept-Encoding": "br" });
      // Miniflare's dispatchFetch decodes the body for its caller and keeps the coding as MF-Content-Encoding.
      expect(compressed.headers.get("MF-Content-Encoding") ?? compressed.headers.get("Content-Encoding")).toBe("br");
      expect(compressed.headers.get("Content-Length")).toBe(String(FILES["app.js.br"].byteLength));
      expect(compressed.headers.get("Vary")).toBe("Accept-Encoding");
      expect(await compressed.text()).toBe(APP_JS);
    } finally {
      await miniflare.dispose();
    }
  });
});
