import { execFileSync } from "node:child_process";
import { readFileSync, utimesSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeFolder, PACKAGE_ROOT } from "../helpers/cli.js";

/** `npm start` rebuilds only when something changed (it rebuilt on every start, 4.4 s). */

const OUTPUTS = ["dist/cli/main.js", "dist/workers/worker/index.js"];

/** A checkout whose "build" only counts its runs (in builds.log) and refreshes the outputs. */
async function makeCheckout(): Promise<string> {
  const build = `node -e "const fs=require('fs');fs.appendFileSync('builds.log','x');for(const f of ${JSON.stringify(OUTPUTS).replace(/"/g, "'")})fs.writeFileSync(f,'')"`;
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "x", scripts: { build } }),
    "src/cli/main.ts": "",
    "builds.log": "",
  };
  for (const output of OUTPUTS) files[output] = "";
  const root = await makeFolder(files);
  const past = new Date(Date.now() - 60_000);
  for (const entry of ["package.json", "src/cli/main.ts", "src/cli", "src"]) utimesSync(path.join(root, entry), past, past);
  const built = new Date(Date.now() - 30_000);
  for (const output of OUTPUTS) utimesSync(path.join(root, output), built, built);
  return root;
}

const buildIfStale = (root: string) =>
  execFileSync(process.execPath, [path.join(PACKAGE_ROOT, "scripts", "build-if-stale.js"), root], { cwd: root });
const builds = (root: string) => readFileSync(path.join(root, "builds.log"), "utf8").length;

describe("scripts/build-if-stale.js", () => {
  it("does not build an unchanged checkout", async () => {
    const root = await makeCheckout();
    buildIfStale(root);
    expect(builds(root)).toBe(0);
  });

  it.each([
    ["an edited source", "src/cli/main.ts"],
    ["a changed package.json", "package.json"],
  ])("builds after %s, once", async (_, file) => {
    const root = await makeCheckout();
    utimesSync(path.join(root, file), new Date(), new Date());
    buildIfStale(root);
    expect(builds(root)).toBe(1);
    buildIfStale(root);
    expect(builds(root)).toBe(1);
  });

  it("builds when an output is missing", async () => {
    const root = await makeCheckout();
    execFileSync("rm", [path.join(root, "dist/workers/worker/index.js")]);
    buildIfStale(root);
    expect(builds(root)).toBe(1);
  });
});
