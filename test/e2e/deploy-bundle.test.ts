import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFolder, runCli } from "../helpers/cli.js";

interface GeneratedConfig {
  compatibility_date: string;
  vars: Record<string, string>;
  assets: { directory: string; binding: string; html_handling: "none"; not_found_handling: "none"; run_worker_first: boolean };
}

/** The dry-run's bundle/index.js, with the generated config's vars and assets, as the edge would run it. */
describe("the bundle edgeserve deploy --dry-run writes, in miniflare", () => {
  let folder: string;
  let outdir: string;
  let miniflare: Miniflare;
  beforeAll(async () => {
    folder = await makeFolder({
      "page.html": "<h1>my page</h1>\n",
      "notes/a.txt": "alpha\n",
      "notes/b.txt": "beta\n",
      _headers: "/*\n  X-From-Headers: yes\n",
      ".env": "SECRET=1\n",
    });
    outdir = await mkdtemp(path.join(os.tmpdir(), "edgeserve-bundle-"));
    const result = await runCli(
      ["deploy", folder, "--name", "bundle-test", "--home", "page.html", "--dry-run", "--outdir", outdir],
      60_000,
    );
    expect(result.code, result.stderr).toBe(0);
    const config = JSON.parse(await readFile(path.join(outdir, "wrangler.json"), "utf8")) as GeneratedConfig;
    miniflare = new Miniflare({
      modules: true,
      scriptPath: path.join(outdir, "bundle", "index.js"),
      modulesRoot: path.join(outdir, "bundle"),
      compatibilityDate: config.compatibility_date,
      bindings: config.vars,
      assets: {
        directory: config.assets.directory,
        binding: config.assets.binding,
        routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: config.assets.run_worker_first },
        assetConfig: { html_handling: config.assets.html_handling, not_found_handling: config.assets.not_found_handling },
      },
    });
    await miniflare.ready;
  });
  afterAll(async () => {
    await miniflare?.dispose();
    await Promise.all([folder, outdir].filter(Boolean).map((item) => rm(item, { recursive: true, force: true })));
  });

  const get = (urlPath: string, headers: Record<string, string> = {}) =>
    miniflare.dispatchFetch(`http://preview.example${urlPath}`, { headers, redirect: "manual" });

  it("serves the --home page at / with X-Robots-Tag: noindex", async () => {
    const response = await get("/");
    expect(response.status).toBe(200);
    expect(response.headers.get("X-Robots-Tag")).toBe("noindex");
    expect(await response.text()).toBe("<h1>my page</h1>\n");
  });

  it("serves a file's bytes", async () => {
    const response = await get("/notes/a.txt");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/plain/);
    expect(response.headers.get("X-Robots-Tag")).toBe("noindex");
    expect(await response.text()).toBe("alpha\n");
  });

  it("lists a directory, in HTML and JSON", async () => {
    const html = await get("/notes/");
    expect(html.status).toBe(200);
    const body = await html.text();
    expect(body).toContain("a.txt");
    expect(body).toContain("b.txt");
    const json = await get("/notes/", { Accept: "application/json" });
    expect(json.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(JSON.stringify(await json.json())).toContain("b.txt");
  });

  it("answers the greeting", async () => {
    const response = await get("/hello?name=Billy");
    expect(response.status).toBe(200);
    expect(response.headers.get("X-Robots-Tag")).toBe("noindex");
    expect(await response.text()).toContain("Hello Billy!");
  });

  it("serves _headers as a plain file and never applies it", async () => {
    const response = await get("/_headers");
    expect(response.status).toBe(200);
    expect(response.headers.get("X-From-Headers")).toBeNull();
    expect(await response.text()).toBe("/*\n  X-From-Headers: yes\n");
    expect((await get("/notes/a.txt")).headers.get("X-From-Headers")).toBeNull();
  });

  it("has nothing for hidden files", async () => {
    const response = await get("/.env");
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("SECRET");
  });
});

/**
 * The same bundle built with --auth, --cors and --header, run with the generated vars plus the
 * secret the platform would bind from wrangler's --secrets-file (the dry run never writes it).
 */
describe("the bundle of a dry run with --auth, --cors and --header, in miniflare", () => {
  let folder: string;
  let outdir: string;
  let config: GeneratedConfig;
  const running: Miniflare[] = [];
  beforeAll(async () => {
    folder = await makeFolder({ "a.txt": "alpha\n", ".env": "SECRET=1\n", ".well-known/security.txt": "Contact: mailto:a@example.com\n" });
    outdir = await mkdtemp(path.join(os.tmpdir(), "edgeserve-bundle-"));
    const result = await runCli(
      [
        "deploy",
        folder,
        "--name",
        "locked",
        "--dry-run",
        "--outdir",
        outdir,
        "--auth",
        "billy:pw",
        "--cors",
        "--header",
        "X-Frame-Options: DENY",
      ],
      60_000,
    );
    expect(result.code, result.stderr).toBe(0);
    config = JSON.parse(await readFile(path.join(outdir, "wrangler.json"), "utf8")) as GeneratedConfig;
  });
  afterAll(async () => {
    await Promise.all(running.map((miniflare) => miniflare.dispose()));
    await Promise.all([folder, outdir].filter(Boolean).map((item) => rm(item, { recursive: true, force: true })));
  });

  async function startBundle(secrets: Record<string, string>): Promise<Miniflare> {
    const miniflare = new Miniflare({
      modules: true,
      scriptPath: path.join(outdir, "bundle", "index.js"),
      modulesRoot: path.join(outdir, "bundle"),
      compatibilityDate: config.compatibility_date,
      bindings: { ...config.vars, ...secrets },
      assets: {
        directory: config.assets.directory,
        binding: config.assets.binding,
        routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: config.assets.run_worker_first },
        assetConfig: { html_handling: config.assets.html_handling, not_found_handling: config.assets.not_found_handling },
      },
    });
    running.push(miniflare);
    await miniflare.ready;
    return miniflare;
  }
  const authorization = { Authorization: `Basic ${Buffer.from("billy:pw").toString("base64")}` };

  it("asks for the password, serves with it, and carries the CORS and added headers", async () => {
    const miniflare = await startBundle({ EDGESERVE_AUTH: "billy:pw" });
    const refused = await miniflare.dispatchFetch("http://preview.example/a.txt");
    expect(refused.status).toBe(401);
    expect(refused.headers.get("WWW-Authenticate")).toBe('Basic realm="edgeserve", charset="UTF-8"');
    expect(refused.headers.get("Access-Control-Allow-Origin")).toBe("*");
    await refused.arrayBuffer();
    const served = await miniflare.dispatchFetch("http://preview.example/a.txt", { headers: authorization });
    expect(served.status).toBe(200);
    expect(served.headers.get("X-Frame-Options")).toBe("DENY");
    expect(await served.text()).toBe("alpha\n");
  });

  it("serves .well-known/ through the assets binding and still nothing for .env", async () => {
    const miniflare = await startBundle({ EDGESERVE_AUTH: "billy:pw" });
    const wellKnown = await miniflare.dispatchFetch("http://preview.example/.well-known/security.txt", { headers: authorization });
    expect(wellKnown.status).toBe(200);
    expect(await wellKnown.text()).toBe("Contact: mailto:a@example.com\n");
    const hidden = await miniflare.dispatchFetch("http://preview.example/.env", { headers: authorization });
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).not.toContain("SECRET");
  });

  it("lets nobody in when the secret did not reach the version", async () => {
    const miniflare = await startBundle({});
    const response = await miniflare.dispatchFetch("http://preview.example/a.txt", { headers: authorization });
    expect(response.status).toBe(401);
    await response.arrayBuffer();
  });
});
