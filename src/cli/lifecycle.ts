import { spawn } from "node:child_process";
import { constants } from "node:fs";
import { access, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { printWarning } from "./log.js";
import { PACKAGE_ROOT } from "./paths.js";

/** The CLI process's own life around the runtime: its work folder, the watchdog, the browser. */

/**
 * The manifest and one link per served file go in memory-backed /dev/shm where Linux has it:
 * 95,000 links took 4.9 s on this machine's disk and 0.8 s there (they are tiny).
 */
export async function createWorkDirectory(): Promise<string> {
  const base = await access("/dev/shm", constants.W_OK).then(() => "/dev/shm", () => os.tmpdir());
  return mkdtemp(path.join(base, "edgeserve-"));
}

/** A helper process that ends the runtime if this one is killed outright (src/cli/watchdog.ts). */
export function startWatchdog(workDirectory: string): void {
  const script = path.join(PACKAGE_ROOT, "dist", "cli", "watchdog.js");
  spawn(process.execPath, [script, String(process.pid), workDirectory], { stdio: "ignore", detached: false }).unref();
}

export function openBrowser(url: string): void {
  const opener = process.platform === "darwin" ? "open" : process.platform === "win32" ? "explorer" : "xdg-open";
  const child = spawn(opener, [url], { stdio: "ignore", detached: true });
  child.on("error", () => printWarning(`--open: no browser opener (${opener}) on this machine; open ${url} yourself`));
  child.on("exit", (code) => code !== null && code !== 0 && printWarning(`--open: the browser opener (${opener}) failed with exit code ${code}; open ${url} yourself`));
  child.unref();
}
