import { spawn } from "node:child_process";
import { constants } from "node:fs";
import { access, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { printWarning } from "./log.js";

/** The CLI process's own life around the runtime: its work folder, the watchdog, the browser. */

/**
 * The manifest and one link per served file go in memory-backed /dev/shm where Linux has it:
 * 95,000 links took 4.9 s on this machine's disk and 0.8 s there (they are tiny).
 */
export async function createWorkDirectory(): Promise<string> {
  const base = await access("/dev/shm", constants.W_OK).then(
    () => "/dev/shm",
    () => os.tmpdir(),
  );
  return mkdtemp(path.join(base, "edgeserve-"));
}

/**
 * A helper that outlives the CLI only if the CLI is killed outright (SIGKILL, OOM): it then ends
 * the workerd started with this work folder's config and removes the folder. A POSIX shell loop
 * (~2 MiB) rather than a second Node process (~50 MiB). A clean stop ends it; a stop before the
 * runtime is up leaves the cleaning to it.
 */
const WATCHDOG_SCRIPT = `trap '' INT HUP TERM
while kill -0 "$1" 2>/dev/null; do sleep 0.5; done
pkill -KILL -f -- "$2/workerd.capnp" 2>/dev/null
case "$2" in */edgeserve-*) rm -rf -- "$2" ;; esac`;

export interface Watchdog {
  /** Ends the watchdog (and its sleep) once the CLI has cleaned up itself. */
  stop(): void;
}

export function startWatchdog(workDirectory: string): Watchdog {
  // In a process group of its own, so that stop() ends the loop and its sleep together.
  const child = spawn("/bin/sh", ["-c", WATCHDOG_SCRIPT, "edgeserve-watchdog", String(process.pid), workDirectory], {
    stdio: "ignore",
    detached: true,
  });
  child.on("error", (error) => printWarning(`no watchdog (${error.message}): if edgeserve is killed outright, end workerd yourself`));
  child.unref();
  return {
    stop() {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    },
  };
}

export function openBrowser(url: string): void {
  const opener = process.platform === "darwin" ? "open" : process.platform === "win32" ? "explorer" : "xdg-open";
  const child = spawn(opener, [url], { stdio: "ignore", detached: true });
  child.on("error", () => printWarning(`--open: no browser opener (${opener}) on this machine; open ${url} yourself`));
  child.on(
    "exit",
    (code) =>
      code !== null &&
      code !== 0 &&
      printWarning(`--open: the browser opener (${opener}) failed with exit code ${code}; open ${url} yourself`),
  );
  child.unref();
}
