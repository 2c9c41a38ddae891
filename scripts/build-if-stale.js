#!/usr/bin/env node
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/**
 * `npm start` runs this first: `npm run build` only when a source or build setting is newer than
 * the oldest build output (or an output is missing), so an unchanged checkout starts at once.
 * The checkout is this script's parent folder (or the first argument: test/cli/build-if-stale.test.ts).
 */
const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, ".."));
const INPUTS = ["src", "package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json", "tsconfig.worker.json"];
const OUTPUTS = ["dist/cli/main.js", "dist/workers/worker/index.js"];

function newestMtime(entry) {
  const stats = statSync(entry, { throwIfNoEntry: false });
  if (stats === undefined) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs; // a deleted or renamed file changes its folder's mtime
  for (const name of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

const newestInput = Math.max(...INPUTS.map((entry) => newestMtime(path.join(root, entry))));
const outputTimes = OUTPUTS.map((entry) => statSync(path.join(root, entry), { throwIfNoEntry: false })?.mtimeMs ?? 0);
const oldestOutput = Math.min(...outputTimes);
if (oldestOutput === 0 || newestInput > oldestOutput) {
  execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
}
