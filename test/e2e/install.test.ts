import { execFile, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFolder, PACKAGE_ROOT } from "../helpers/cli.js";

/**
 * Getting the command: `npm install -g .` (a link to the checkout, as `npm link` makes)
 * and `npm pack` + a global install of the tarball put `edgeserve` on the PATH, and it runs from
 * a folder outside the checkout. Installs go into a temporary prefix, from npm's cache (--offline).
 */
const run = promisify(execFile);
const NPM_QUIET = ["--no-audit", "--no-fund", "--loglevel=error"];
let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "edgeserve-install-"));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Runs `bin/edgeserve DIR --port 0` from outside the checkout; resolves the first file's body, then Ctrl-C. */
async function serveOnce(bin: string, folder: string): Promise<{ body: string; code: number | null }> {
  const child = spawn(bin, [folder, "--port", "0", "--quiet"], { cwd: os.tmpdir(), detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL: ${stdout}`)), 45_000);
    child.stdout.on("data", () => {
      const match = /\((http:\/\/[^)]+)\) \.\.\./.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  const body = await (await fetch(new URL("a.txt", url))).text();
  process.kill(-(child.pid as number), "SIGINT");
  return { body, code: await exited };
}

describe("edgeserve on the PATH", () => {
  it("npm install -g . (the checkout, linked) gives a working edgeserve", async () => {
    const prefix = path.join(work, "linked");
    await run("npm", ["install", "-g", "--prefix", prefix, PACKAGE_ROOT, "--offline", "--ignore-scripts", ...NPM_QUIET], {
      cwd: os.tmpdir(),
    });
    const bin = path.join(prefix, "bin", "edgeserve");
    expect((await run(bin, ["--version"], { cwd: os.tmpdir() })).stdout).toMatch(/^edgeserve \d+\.\d+\.\d+ \(workerd 1\.20261117\.1\)\n$/);
    const folder = await makeFolder({ "a.txt": "linked\n" });
    expect(await serveOnce(bin, folder)).toEqual({ body: "linked\n", code: 0 });
  });

  it("npm pack makes a tarball that installs offline and serves", { timeout: 180_000 }, async () => {
    // --ignore-scripts: dist/ is already built (pretest), and a rebuild would race the other tests.
    const { stdout } = await run("npm", ["pack", "--ignore-scripts", "--pack-destination", work, "--loglevel=error"], {
      cwd: PACKAGE_ROOT,
    });
    const tarball = path.join(work, stdout.trim().split("\n").at(-1) as string);
    const prefix = path.join(work, "packed");
    await run("npm", ["install", "-g", "--prefix", prefix, tarball, "--offline", ...NPM_QUIET], {
      cwd: os.tmpdir(),
      timeout: 150_000,
    }).catch((error: { stderr?: string }) => {
      throw new Error(
        /ENOTCACHED/.test(error.stderr ?? "")
          ? `npm's cache lacks a dependency's metadata: run this once with network (--prefer-offline) to fill it.\n${error.stderr}`
          : String(error.stderr ?? error),
      );
    });
    const bin = path.join(prefix, "bin", "edgeserve");
    expect((await run(bin, ["--version"], { cwd: os.tmpdir() })).stdout).toMatch(/^edgeserve \d+\.\d+\.\d+ \(workerd 1\.20261117\.1\)\n$/);
    const folder = await makeFolder({ "a.txt": "packed\n" });
    expect(await serveOnce(bin, folder)).toEqual({ body: "packed\n", code: 0 });
  });
});
