import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { writeSecretsFile } from "../../src/cli/deploy-secrets.js";
import { type Finished, makeFolder, PACKAGE_ROOT, temporaryFolders } from "../helpers/cli.js";

/** --auth, --cors, --header and .well-known/ in `edgeserve deploy --dry-run`: what reaches the preview, and where the password never goes. */

const PASSWORD = "Pw-deploy-4d2e8b6a";
const CREDENTIAL = `billy:${PASSWORD}`;
const temporary = temporaryFolders();
let folder: string;

beforeAll(async () => {
  folder = await makeFolder({
    "index.html": "<h1>hi</h1>\n",
    ".env": "SECRET=1\n",
    ".well-known/security.txt": "Contact: mailto:a@example.com\n",
    ".well-known/.private": "x\n",
  });
  temporary.track(folder);
});

/** `node bin/edgeserve.js deploy ARGS --verbose` (wrangler's own output shown too) with no credentials and a private TMPDIR. */
async function runDeploy(args: readonly string[], variables: Record<string, string> = {}): Promise<Finished & { tmp: string }> {
  const tmp = await temporary.make("edgeserve-tmpdir-");
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: tmp, TMPDIR: tmp, NO_COLOR: "1", EDGESERVE_AUTH: "", ...variables };
  for (const name of ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_API_KEY", "CLOUDFLARE_ACCOUNT_ID"]) delete env[name];
  const child = spawn(process.execPath, [path.join(PACKAGE_ROOT, "bin", "edgeserve.js"), "deploy", ...args, "--verbose"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { code, stdout, stderr, tmp };
}

/** Every regular file under a folder (links followed, as wrangler reads assets), with its text. */
async function readEveryFile(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const name of await readdir(root, { recursive: true })) {
    const file = path.join(root, name);
    if (statSync(file).isFile()) files.set(name, readFileSync(file, "latin1"));
  }
  return files;
}

describe("writeSecretsFile", () => {
  it("writes nothing without secrets", async () => {
    expect(await writeSecretsFile({})).toBeNull();
  });

  it("writes JSON in a 0700 folder as a 0600 file, and removes both", async () => {
    const secrets = await writeSecretsFile({ EDGESERVE_AUTH: CREDENTIAL });
    if (secrets === null) throw new Error("no secrets file");
    expect(JSON.parse(readFileSync(secrets.path, "utf8"))).toEqual({ EDGESERVE_AUTH: CREDENTIAL });
    expect(secrets.names).toEqual(["EDGESERVE_AUTH"]);
    expect(statSync(secrets.path).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(secrets.path)).mode & 0o777).toBe(0o700);
    await secrets.remove();
    expect(existsSync(path.dirname(secrets.path))).toBe(false);
  });
});

describe("edgeserve deploy --dry-run with --auth, --cors and --header", () => {
  it.each<[string, string[], Record<string, string>]>([
    ["--auth", ["--auth", CREDENTIAL], {}],
    ["EDGESERVE_AUTH", [], { EDGESERVE_AUTH: CREDENTIAL }],
  ])("from %s: the secret reaches wrangler by name, its value no output file and no output", async (_source, args, variables) => {
    const outdir = await temporary.make("edgeserve-out-");
    const shmBefore = existsSync("/dev/shm") ? new Set(readdirSync("/dev/shm")) : new Set<string>();
    const result = await runDeploy(
      [folder, "--name", "locked", "--dry-run", "--outdir", outdir, "--cors", "--header", "X-Frame-Options: DENY", ...args],
      variables,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("  Secret EDGESERVE_AUTH would be set on the Worker (its value is in no file written here)\n");
    // wrangler's own binding table (shown with --verbose): it read the secrets file.
    expect(result.stdout).toMatch(/env\.EDGESERVE_AUTH \("\(hidden\)"\)/);
    expect(result.stdout).toContain("(with the password in EDGESERVE_AUTH, or --auth)");
    expect(result.stdout + result.stderr).not.toContain(PASSWORD);
    const written = await readEveryFile(outdir);
    expect([...written.keys()]).toEqual(
      expect.arrayContaining(["wrangler.json", "assets.json", path.join("bundle", "index.js"), "manifest.js"]),
    );
    for (const [name, text] of written) expect(text, name).not.toContain(PASSWORD);
    for (const [name, text] of await readEveryFile(result.tmp)) expect(text, name).not.toContain(PASSWORD);
    // The secrets file's own folder is gone once wrangler has exited.
    const shmLeft = existsSync("/dev/shm")
      ? readdirSync("/dev/shm").filter((name) => !shmBefore.has(name) && name.startsWith("edgeserve-"))
      : [];
    for (const name of shmLeft) expect(existsSync(path.join("/dev/shm", name, "secrets.json")), name).toBe(false);
    const config = JSON.parse(written.get("wrangler.json") ?? "{}") as { vars: Record<string, string> };
    expect(config.vars).toMatchObject({
      CORS: "1",
      AUTH_REQUIRED: "1",
      EXTRA_HEADERS: JSON.stringify([{ name: "X-Frame-Options", value: "DENY" }]),
    });
    expect(Object.keys(config.vars)).not.toContain("EDGESERVE_AUTH");
  });

  it("sets no secret and turns nothing on without the flags", async () => {
    const outdir = await temporary.make("edgeserve-out-");
    const result = await runDeploy([folder, "--name", "open", "--dry-run", "--outdir", outdir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain("Secret");
    expect(result.stdout).not.toContain("EDGESERVE_AUTH");
    const config = JSON.parse(await readFile(path.join(outdir, "wrangler.json"), "utf8")) as { vars: Record<string, string> };
    for (const name of ["CORS", "AUTH_REQUIRED", "EXTRA_HEADERS"]) expect(config.vars).not.toHaveProperty(name);
  });

  it("uploads .well-known/ under /f/ like any folder, and no other dot name", async () => {
    const outdir = await temporary.make("edgeserve-out-");
    expect((await runDeploy([folder, "--name", "wk", "--dry-run", "--outdir", outdir])).code).toBe(0);
    const list = JSON.parse(await readFile(path.join(outdir, "assets.json"), "utf8")) as { files: { path: string }[] };
    expect(list.files.map((file) => file.path)).toEqual(["/f/.well-known/security.txt", "/f/index.html"]);
  });

  it("refuses a refused --header with exit 2 before building anything", async () => {
    const outdir = await temporary.make("edgeserve-out-");
    const result = await runDeploy([folder, "--dry-run", "--outdir", outdir, "--header", "Content-Length: 3"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--header Content-Length is refused");
    expect(existsSync(path.join(outdir, "wrangler.json"))).toBe(false);
  });
});
