import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, symlink, truncate, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type AssetFile,
  checkUploadLimits,
  chooseAlias,
  describeNextCommand,
  describeWorkerUrl,
  findCredentials,
  MAX_DEPLOY_FILES,
  type NextCommandInput,
  quoteForShell,
  slugify,
} from "../../src/cli/deploy-checks.js";
import { MAX_EDGE_FILE_BYTES } from "../../src/shared/manifest.js";
import { type Finished, makeFolder, PACKAGE_ROOT, temporaryFolders } from "../helpers/cli.js";

const CREDENTIAL_VARIABLES = [
  "CLOUDFLARE_API_TOKEN",
  "CF_API_TOKEN",
  "CLOUDFLARE_API_KEY",
  "CF_API_KEY",
  "CLOUDFLARE_EMAIL",
  "CF_EMAIL",
  "CLOUDFLARE_ACCOUNT_ID",
];
const temporary = temporaryFolders();

/** `node bin/edgeserve.js deploy ARGS` with no Cloudflare credentials, an empty home and a private TMPDIR. */
async function runDeploy(
  args: readonly string[],
  variables: Record<string, string> = {},
): Promise<Finished & { tmp: string; milliseconds: number }> {
  const home = await temporary.make("edgeserve-home-");
  const tmp = await temporary.make("edgeserve-tmpdir-");
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, ".config"), TMPDIR: tmp, NO_COLOR: "1" };
  for (const name of CREDENTIAL_VARIABLES) delete env[name];
  Object.assign(env, variables);
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(PACKAGE_ROOT, "bin", "edgeserve.js"), "deploy", ...args], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
  return { code, stdout, stderr, tmp, milliseconds: performance.now() - started };
}

interface AssetList {
  name: string;
  alias: string | null;
  files: AssetFile[];
}

const file = (name: string, size: number): AssetFile => ({ path: `/f/${name}`, size });

describe("checkUploadLimits", () => {
  const many = (count: number) => Array.from({ length: count }, (_, position) => file(`${position}.txt`, 1));
  it.each([
    ["no files", [], [], "ok"],
    ["exactly the file limit", many(MAX_DEPLOY_FILES), [], "ok"],
    ["one file over the file limit", many(MAX_DEPLOY_FILES + 1), [], "too-many-files"],
    ["a file over 25 MiB", [file("a.txt", 1)], [file("big.bin", MAX_EDGE_FILE_BYTES + 1)], "file-too-large"],
    [
      "a large file and too many files: the file is named first",
      many(MAX_DEPLOY_FILES + 1),
      [file("big.bin", MAX_EDGE_FILE_BYTES + 1)],
      "file-too-large",
    ],
  ] as const)("%s → %s", (_, files, tooLarge, kind) => {
    expect(checkUploadLimits(files, tooLarge).kind).toBe(kind);
  });

  it("counts the files and names the large ones", () => {
    expect(checkUploadLimits(many(MAX_DEPLOY_FILES + 1), [])).toEqual({ kind: "too-many-files", count: 20_001 });
    expect(checkUploadLimits([], [file("big.bin", 30)])).toEqual({ kind: "file-too-large", files: [file("big.bin", 30)] });
  });
});

describe("slugify and chooseAlias", () => {
  it.each([
    ["Feature/Foo_Bar", "feature-foo-bar"],
    ["main", "main"],
    ["--weird--", "weird"],
    ["ünïcode ok", "n-code-ok"],
    ["...", ""],
    ["a".repeat(80), "a".repeat(63)],
  ])("slugify(%j) is %j", (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it.each([
    ["a branch name", null, "feature/login-page", "site", "feature-login-page"],
    ["a name starting with a digit", null, "2026-redesign", "site", "preview-2026-redesign"],
    ["a long branch, cut to fit beside the name", null, `x${"y".repeat(70)}`, "my-site", `x${"y".repeat(54)}`],
    ["the user's own alias", "pr-12", "main", "site", "pr-12"],
  ])("%s", (_, given, fallback, name, alias) => {
    expect(chooseAlias(given, fallback, name)).toBe(alias);
  });

  it.each([["Has_Upper"], ["1starts-with-digit"], ["ends-with-dash-"], ["a".repeat(60)]])("refuses --alias %s with a sentence", (given) => {
    expect(() => chooseAlias(given, "main", "site")).toThrow(/--alias .*: an alias is lowercase letters/);
  });
});

describe("findCredentials", () => {
  it.each([
    ["an API token", { CLOUDFLARE_API_TOKEN: "t" }, "api-token"],
    ["the legacy token variable", { CF_API_TOKEN: "t" }, "api-token"],
    ["a global API key with its email", { CLOUDFLARE_API_KEY: "k", CLOUDFLARE_EMAIL: "e@x" }, "global-api-key"],
    ["a global API key without an email", { CLOUDFLARE_API_KEY: "k" }, null],
    ["an account id alone", { CLOUDFLARE_ACCOUNT_ID: "a" }, null],
  ] as const)("%s → %s", async (_, variables, expected) => {
    const home = await temporary.make("edgeserve-home-");
    expect(findCredentials({ HOME: home, ...variables })).toBe(expected);
  });

  it.each([
    ["~/.config/.wrangler (Linux default)", (home: string) => path.join(home, ".config", ".wrangler"), {}],
    ["$XDG_CONFIG_HOME/.wrangler", (home: string) => path.join(home, "xdg", ".wrangler"), { XDG_CONFIG_HOME: "xdg" }],
    ["a legacy ~/.wrangler", (home: string) => path.join(home, ".wrangler"), {}],
  ])("finds a wrangler login in %s", async (_, folderOf, variables) => {
    const home = await temporary.make("edgeserve-home-");
    const folder = path.join(folderOf(home), "config");
    await mkdir(folder, { recursive: true });
    const env = { HOME: home, ...Object.fromEntries(Object.entries(variables).map(([key, value]) => [key, path.join(home, value)])) };
    expect(findCredentials(env)).toBe(null);
    await writeFile(path.join(folder, "default.toml"), 'oauth_token = "x"\nrefresh_token = "y"\n');
    expect(findCredentials(env)).toBe("wrangler-login");
  });
});

describe("edgeserve deploy --dry-run", () => {
  let folder: string;
  let outside: string;
  beforeAll(async () => {
    outside = await temporary.make("edgeserve-outside-");
    await writeFile(path.join(outside, "secret.txt"), "OUTSIDE-SECRET-9d1f\n");
    folder = await makeFolder({
      "index.html": "<h1>home</h1>\n",
      "docs/a.txt": "a\n",
      ".env": "API_KEY=ENV-SECRET-41c7\n",
      ".dev.vars": "TOKEN=DEVVARS-SECRET-77e2\n",
      ".git/config": "[core]\n",
      "private/notes.txt": "IGNORED-SECRET-02ab\n",
      ".assetsignore": "private/\n",
      _headers: "/*\n  X-From-Headers: yes\n",
      _redirects: "/* https://example.com 301\n",
      "_worker.js": "export default { fetch() { return new Response('hijacked'); } };\n",
    });
    temporary.track(folder);
    await symlink(path.join(outside, "secret.txt"), path.join(folder, "linked-out.txt"));
    await symlink(path.join(folder, "docs", "a.txt"), path.join(folder, "linked-in.txt"));
  });

  it("lists only allowed files, with _headers, _redirects and _worker.js as plain files under /f/", async () => {
    const outdir = await temporary.make("edgeserve-out-");
    const result = await runDeploy([folder, "--name", "my-site", "--dry-run", "--outdir", outdir]);
    expect(result.stderr).toContain('symbolic links leading outside the folder (or to hidden files) are not followed: "linked-out.txt"');
    expect(result.code).toBe(0);
    const list = JSON.parse(await readFile(path.join(outdir, "assets.json"), "utf8")) as AssetList;
    expect(list.files.map((entry) => entry.path)).toEqual([
      "/f/_headers",
      "/f/_redirects",
      "/f/_worker.js",
      "/f/docs/a.txt",
      "/f/index.html",
      "/f/linked-in.txt",
    ]);
    expect(list.files.find((entry) => entry.path === "/f/index.html")?.size).toBe(14);
    expect(list.alias).toMatch(/^edgeserve-test-/);
    expect(result.stdout).toMatch(/Would upload 6 files \(\d+ B\) from /);
    expect(result.stdout).toContain("largest: _worker.js (");
    expect(result.stdout).toContain(path.join(outdir, "bundle", "index.js"));
    expect(result.stdout).toContain(
      `Dry run: nothing uploaded. Worker name my-site, preview alias ${list.alias}.\n  The preview would answer at https://${list.alias}-my-site.<your-subdomain>.workers.dev/\n`,
    );
    expect(result.stdout).toContain("the 6 files that would be uploaded");
    expect(result.stdout).toContain(
      `To upload it (needs CLOUDFLARE_API_TOKEN or npx wrangler login): edgeserve deploy ${folder} --name my-site --alias ${list.alias}\n`,
    );
  });

  it("puts no private byte in the bundle or the assets folder wrangler reads", async () => {
    const outdir = await temporary.make("edgeserve-out-");
    expect((await runDeploy([folder, "--name", "my-site", "--dry-run", "--outdir", outdir])).code).toBe(0);
    const bundle = await readFile(path.join(outdir, "bundle", "index.js"), "utf8");
    for (const secret of ["OUTSIDE-SECRET", "ENV-SECRET", "DEVVARS-SECRET", "IGNORED-SECRET", ".dev.vars", "linked-out"])
      expect(bundle).not.toContain(secret);
    expect(bundle).toContain("linked-in.txt");
    const assets = await readdir(path.join(outdir, "assets"), { recursive: true });
    expect(assets.sort()).toEqual([
      "f",
      "f/_headers",
      "f/_redirects",
      "f/_worker.js",
      "f/docs",
      "f/docs/a.txt",
      "f/index.html",
      "f/linked-in.txt",
    ]);
    const config = JSON.parse(await readFile(path.join(outdir, "wrangler.json"), "utf8")) as {
      name: string;
      vars: Record<string, string>;
      assets: Record<string, unknown>;
    };
    expect(config.name).toBe("my-site");
    expect(config.vars).toMatchObject({ IS_PREVIEW: "1", REQUEST_LOG: "off" });
    expect(config.assets).toMatchObject({ html_handling: "none", not_found_handling: "none", run_worker_first: true });
  });

  it("deploys with --production without the noindex flag", async () => {
    const outdir = await temporary.make("edgeserve-out-");
    const result = await runDeploy([folder, "--name", "my-site", "--production", "--dry-run", "--outdir", outdir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "Dry run: nothing uploaded. Worker name my-site, production deploy (no alias).\n  Production would answer at https://my-site.<your-subdomain>.workers.dev/\n",
    );
    expect(result.stdout).toContain(
      `To upload it (needs CLOUDFLARE_API_TOKEN or npx wrangler login): edgeserve deploy ${folder} --name my-site --production\n`,
    );
    const config = JSON.parse(await readFile(path.join(outdir, "wrangler.json"), "utf8")) as { vars: Record<string, string> };
    expect(config.vars.IS_PREVIEW).toBe("0");
  });

  it("refuses a file over 25 MiB with exit 1, and accepts the folder once .assetsignore lists it", async () => {
    const large = await makeFolder({ "small.txt": "s\n" });
    temporary.track(large);
    await writeFile(path.join(large, "video.mp4"), "");
    await truncate(path.join(large, "video.mp4"), MAX_EDGE_FILE_BYTES + 1);
    const outdir = await temporary.make("edgeserve-out-");
    const refused = await runDeploy([large, "--name", "large", "--dry-run", "--outdir", outdir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `edgeserve: video.mp4 (25 MiB): over the 25 MiB a Workers asset may be. Nothing was uploaded; delete such files or list them in ${path.join(large, ".assetsignore")}`,
    );
    expect(existsSync(path.join(outdir, "assets.json"))).toBe(false);
    expect(existsSync(path.join(outdir, "bundle"))).toBe(false);
    await writeFile(path.join(large, ".assetsignore"), "video.mp4\n");
    const accepted = await runDeploy([large, "--name", "large", "--dry-run", "--outdir", outdir]);
    expect(accepted.code).toBe(0);
    const list = JSON.parse(await readFile(path.join(outdir, "assets.json"), "utf8")) as AssetList;
    expect(list.files).toEqual([{ path: "/f/small.txt", size: 2 }]);
  });

  it("refuses more files than a deployment may hold, before wrangler runs", { timeout: 120_000 }, async () => {
    // 1,000 real files seen through 20 links to their folder (links inside DIR are followed): 20,001 to upload.
    const many = await temporary.make("edgeserve-many-");
    await mkdir(path.join(many, "d0"));
    await Promise.all(Array.from({ length: 1000 }, (_, position) => writeFile(path.join(many, "d0", `${position}.txt`), "")));
    await Promise.all(Array.from({ length: 19 }, (_, position) => symlink(path.join(many, "d0"), path.join(many, `d${position + 1}`))));
    await writeFile(path.join(many, "one-too-many.txt"), "");
    const outdir = await temporary.make("edgeserve-out-");
    const result = await runDeploy([many, "--name", "many", "--dry-run", "--outdir", outdir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "has 20,001 files to upload, more than the 20,000 a Worker version may have on Cloudflare's free plan. Nothing was uploaded; leave some out with an .assetsignore file",
    );
    expect(existsSync(path.join(outdir, "bundle"))).toBe(false);
  });

  it("refuses an --outdir inside the folder", async () => {
    const result = await runDeploy([folder, "--dry-run", "--outdir", path.join(folder, "out")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("is inside the folder being deployed; choose a folder outside it");
  });
});

describe("what a dry run says comes next", () => {
  const input: NextCommandInput = {
    directory: "site",
    name: "big2k",
    alias: "big2k",
    homePage: null,
    greetPath: null,
    cacheMaxAge: 0,
    withDigests: false,
  };

  it.each<[string, string | null, string]>([
    ["big2k", "big2k", "https://big2k-big2k.<your-subdomain>.workers.dev/"],
    ["my-site", null, "https://my-site.<your-subdomain>.workers.dev/"],
  ])("the URL of %s with alias %s", (name, alias, url) => {
    expect(describeWorkerUrl(name, alias)).toBe(url);
  });

  it.each<[Partial<NextCommandInput>, string]>([
    [{}, "edgeserve deploy site --name big2k --alias big2k"],
    [{ alias: null }, "edgeserve deploy site --name big2k --production"],
    [
      { directory: "My Site", homePage: "index.html", greetPath: "/", cacheMaxAge: 60, withDigests: true },
      "edgeserve deploy 'My Site' --name big2k --alias big2k --home index.html --greet / --cache-max-age 60 --digests",
    ],
    [{ directory: "it's" }, "edgeserve deploy 'it'\\''s' --name big2k --alias big2k"],
  ])("the upload command for %j", (changes, command) => {
    expect(describeNextCommand({ ...input, ...changes })).toBe(command);
  });

  it.each([["plain"], ["a b"], ["$HOME"], ["it's"], ["`x`"], [""]])("quotes %j so sh reads it back", (word) => {
    const quoted = quoteForShell(word);
    expect(execFileSync("sh", ["-c", `printf %s ${quoted}`]).toString()).toBe(word);
  });
});

describe("edgeserve deploy with a bad value", () => {
  it.each([[["--name", "Bad Name"]], [["--alias", "9lives"]]])("exits 2, a usage error, for %j", async (args) => {
    const folder = await makeFolder({ "a.txt": "a\n" });
    temporary.track(folder);
    const result = await runDeploy([folder, ...args, "--dry-run"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^edgeserve: --(name|alias) /);
  });
});

describe("edgeserve deploy without credentials", () => {
  it("says how to get a token, exits 1 and builds nothing, so no wrangler runs", async () => {
    const folder = await makeFolder({ "a.txt": "a\n" });
    temporary.track(folder);
    const result = await runDeploy([folder, "--name", "my-site"]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'edgeserve: no Cloudflare credentials found: set CLOUDFLARE_API_TOKEN to a token created at https://dash.cloudflare.com/profile/api-tokens from the "Edit Cloudflare Workers" template (plus CLOUDFLARE_ACCOUNT_ID if it reaches several accounts), or run npx wrangler login once; --dry-run needs neither',
    );
    expect(result.stdout).toBe("");
    // The work folder (and so wrangler, which runs inside it) comes only after the check.
    expect(await readdir(result.tmp)).toEqual([]);
    expect(result.milliseconds).toBeLessThan(5_000);
  });
});

describe("edgeserve deploy of a first preview", () => {
  it("refuses when the Worker has no production deployment, and uploads nothing", async () => {
    // wrangler's own CLOUDFLARE_API_BASE_URL points it at this stand-in for the Cloudflare API.
    const requests: string[] = [];
    const api = createServer((request, response) => {
      requests.push(`${request.method} ${request.url}`);
      response.writeHead(404, { "Content-Type": "application/json" });
      response.end(
        JSON.stringify({
          success: false,
          errors: [{ code: 10007, message: "This Worker does not exist on your account." }],
          messages: [],
          result: null,
        }),
      );
    });
    await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
    const folder = await makeFolder({ "a.txt": "a\n" });
    temporary.track(folder);
    try {
      const { port } = api.address() as AddressInfo;
      const result = await runDeploy([folder, "--name", "fresh-site"], {
        CLOUDFLARE_API_TOKEN: "test-token",
        CLOUDFLARE_ACCOUNT_ID: "test-account",
        CLOUDFLARE_API_BASE_URL: `http://127.0.0.1:${port}/client/v4`,
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        "edgeserve: the Worker fresh-site has no production deployment yet, and a preview is never its first version: run edgeserve deploy with --production once (that copy is public), then previews go beside it",
      );
      expect(requests).toEqual(["GET /client/v4/accounts/test-account/workers/scripts/fresh-site/deployments"]);
      expect(await readdir(result.tmp)).toEqual([]);
    } finally {
      api.close();
    }
  });
});
