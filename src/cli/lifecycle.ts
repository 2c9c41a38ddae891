import { spawn } from "node:child_process";
import { constants, readFileSync } from "node:fs";
import { access, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { printWarning } from "./log.js";
import { PACKAGE_ROOT } from "./paths.js";

/** The CLI process's own life around the runtime: its work folder, the watchdog, health, the browser. */

const HEALTH_POLL_MS = 1000;
/** Taken at start-up: a parent that goes away later (a supervisor, a test runner) ends the server. */
const PARENT_AT_START = process.ppid;

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

export interface HealthInput {
  isStopping: () => boolean;
  onRuntimeGone: () => void;
  onParentGone: () => void;
}

/**
 * Exits 1 when the runtime's processes are gone (a crash), and 0 when our parent is gone (the
 * terminal or supervisor that started us), rather than hanging on either.
 */
export function watchHealth({ isStopping, onRuntimeGone, onParentGone }: HealthInput): void {
  let missing = 0;
  setInterval(() => {
    if (isStopping()) return;
    if (process.ppid !== PARENT_AT_START) return onParentGone();
    missing = hasRuntimeChild() ? 0 : missing + 1;
    if (missing === 2) {
      printWarning("the Workers runtime stopped unexpectedly; run again with --verbose to see why");
      onRuntimeGone();
    }
  }, HEALTH_POLL_MS).unref();
}

/** Linux's /proc; elsewhere the check is skipped (always healthy). */
function hasRuntimeChild(): boolean {
  try {
    const children = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
    return children.some((pid) => readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "workerd");
  } catch {
    return true;
  }
}

export function openBrowser(url: string): void {
  const opener = process.platform === "darwin" ? "open" : process.platform === "win32" ? "explorer" : "xdg-open";
  const child = spawn(opener, [url], { stdio: "ignore", detached: true });
  child.on("error", () => printWarning(`--open: no browser opener (${opener}) on this machine; open ${url} yourself`));
  child.on("exit", (code) => code !== null && code !== 0 && printWarning(`--open: the browser opener (${opener}) failed with exit code ${code}; open ${url} yourself`));
  child.unref();
}
