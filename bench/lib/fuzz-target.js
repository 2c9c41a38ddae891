import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The server under fuzz: either one this process spawns on a folder of its own (with canaries it
 * must never send) and restarts after a death, or one already running (`--url`/`--port`).
 */
const BIN = fileURLToPath(new URL("../../bin/edgeserve.js", import.meta.url));
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;
const pendingStops = new Set();

/** The paths the catalogue aims at (fuzz-catalogue.js), as laid out by makeFuzzFolder. */
export const FUZZ_PATHS = {
  file: "/a.txt",
  largeFile: "/large.bin",
  directory: "/docs",
  nestedName: "b.txt",
  dotfile: "/.env",
  hiddenDirectoryFile: "/.git/HEAD",
  outsideLink: "/outside-link",
  outsideConfig: "/config/wrangler.toml",
};

/**
 * site/ is served; outside/ is not, and holds the link targets. A canary is unique per run, so a
 * match in an answer cannot be a coincidence. `_headers` is an ordinary served file in edgeserve
 * (README, Security), so the platform-config canary lives only in wrangler.toml files outside site/.
 */
export function makeFuzzFolder() {
  const root = mkdtempSync(path.join(os.tmpdir(), "edgeserve-fuzz-"));
  const canary = (label) => `FUZZ-CANARY-${label}-${randomBytes(12).toString("hex")}`;
  const canaries = { dotfile: canary("DOTFILE"), "link out of the folder": canary("OUTSIDE"), "platform config": canary("PLATFORM") };
  const site = path.join(root, "site");
  const outside = path.join(root, "outside");
  for (const folder of [site, outside, path.join(site, "docs"), path.join(site, ".git")]) mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(site, "a.txt"), "hello\n");
  writeFileSync(path.join(site, "large.bin"), Buffer.alloc(64 * 1024, "L"));
  writeFileSync(path.join(site, "docs", "b.txt"), "b\n");
  writeFileSync(path.join(site, "_headers"), "/*\n  X-Fuzz: served as a plain file\n");
  writeFileSync(path.join(site, ".env"), `SECRET=${canaries.dotfile}\n`);
  writeFileSync(path.join(site, ".git", "HEAD"), `${canaries.dotfile}\n`);
  writeFileSync(path.join(outside, "secret.txt"), `${canaries["link out of the folder"]}\n`);
  const platformConfig = `name = "fuzz"\n# ${canaries["platform config"]}\n`;
  writeFileSync(path.join(outside, "wrangler.toml"), platformConfig);
  writeFileSync(path.join(root, "wrangler.toml"), platformConfig);
  symlinkSync(path.join(outside, "secret.txt"), path.join(site, "outside-link"));
  symlinkSync(outside, path.join(site, "config"));
  return { root, site, canaries };
}

/** `node bin/edgeserve.js SITE --port 0 --quiet` in its own process group; the URL from its banner. */
export async function spawnTarget(site) {
  const child = spawn(process.execPath, [BIN, site, "--port", "0", "--quiet"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const target = { pid: child.pid, isDead: false, canRestart: true, exit: null };
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  exited.then((exit) => Object.assign(target, { isDead: true, exit, lastOutput: () => lastErrorLine(output) }));
  const url = await Promise.race([
    waitForBanner(child, () => output),
    exited.then(() => Promise.reject(new Error(`edgeserve exited before serving:\n${output}`))),
  ]);
  target.port = Number(new URL(url).port);
  target.url = url;
  target.stop = () => stopGroup({ pid: child.pid, exited, hasDied: target.isDead });
  return target;
}

function waitForBanner(child, output) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`edgeserve did not start in ${START_TIMEOUT_MS} ms:\n${output()}`)), START_TIMEOUT_MS);
    const check = () => {
      const match = /Serving HTTP on \S+ port \d+ \((http:\/\/[^)]+)\)/.exec(output());
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off("data", check);
      resolve(match[1]);
    };
    child.stdout.on("data", check);
  });
}

/** A server started by someone else: no restarts, and its folder holds none of our canaries. */
export function existingTarget({ url, port }) {
  const parsed = new URL(url ?? `http://127.0.0.1:${port}/`);
  if (!["127.0.0.1", "localhost"].includes(parsed.hostname)) throw new Error(`the fuzzer only talks to 127.0.0.1, not ${parsed.hostname}`);
  return { port: Number(parsed.port || 80), url: parsed.href, isDead: false, canRestart: false, stop: async () => {} };
}

/**
 * SIGINT to the group, then SIGKILL whatever is left after a grace period (docs/runtime-facts.md, \"Signals\").
 * The group also holds edgeserve's watchdog, which removes the work folder after a crash: killing
 * it at once left one folder in /dev/shm per death, so the group gets the grace period to empty.
 */
function stopGroup({ pid, exited, hasDied }) {
  const stopped = waitForGroup(pid, exited);
  pendingStops.add(stopped);
  stopped.then(() => pendingStops.delete(stopped));
  // A server that died needs nothing more from us: its watchdog clears up while the next one starts.
  return hasDied ? Promise.resolve() : stopped;
}

async function waitForGroup(pid, exited) {
  signalGroup(pid, "SIGINT");
  const deadline = performance.now() + STOP_GRACE_MS;
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS))]);
  while (isGroupAlive(pid) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  signalGroup(pid, "SIGKILL");
}

/** Resolves when every stopped server's process group is gone (call before exiting). */
export function awaitPendingStops() {
  return Promise.all([...pendingStops]);
}

function isGroupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

function lastErrorLine(output) {
  const lines = output.split("\n").map((line) => line.trim());
  return lines.find((line) => /Error\b|error:/.test(line)) ?? lines.filter(Boolean).pop() ?? "(no output)";
}
