import { spawn } from "node:child_process";
import { constants, readFileSync } from "node:fs";
import { access, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { printWarning } from "./log.js";
import { PACKAGE_ROOT } from "./paths.js";

/** The CLI process's own life around the runtime: its work folder, the watchdog, health, the browser. */

/** How often the runtime's process is looked for: a crash costs at most about this long. */
const HEALTH_POLL_MS = 250;
/** Restarts that fail in a row before the CLI gives up and exits 1. */
const MAX_FAILED_RESTARTS = 3;

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
  restart: () => Promise<void>;
  onGiveUp: () => void;
}

/**
 * Brings the runtime back when its process is gone (a crash, or killed), with one line on
 * stderr, and gives up (onGiveUp) only when restarts keep failing. A changed parent process is
 * no stop signal: `nohup edgeserve &` must outlive the shell that started it.
 */
export function watchRuntime({ isStopping, restart, onGiveUp }: HealthInput): void {
  let failures = 0;
  let isRestarting = false;
  setInterval(() => {
    if (isStopping() || isRestarting || hasRuntimeChild()) return;
    isRestarting = true;
    restart().then(
      () => {
        failures = 0;
        printWarning("the Workers runtime stopped unexpectedly and was restarted; run with --verbose to see why");
      },
      (error: unknown) => {
        failures += 1;
        printWarning(`the Workers runtime stopped and could not be restarted: ${error instanceof Error ? error.message : String(error)}`);
        if (failures >= MAX_FAILED_RESTARTS && !isStopping()) onGiveUp();
      },
    ).finally(() => {
      isRestarting = false;
    });
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
