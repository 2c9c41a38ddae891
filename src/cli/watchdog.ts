import { readdirSync, readFileSync, rmSync } from "node:fs";

/**
 * `node dist/cli/watchdog.js CLI_PID WORK_DIRECTORY`: started by the CLI, outlives it only if it is
 * killed outright (SIGKILL, OOM). It remembers the CLI's runtime processes while the CLI lives and,
 * once the CLI is gone, ends them and removes the work folder, so no workerd is left behind.
 * It learns them by polling, so one started less than POLL_MS before the kill can be missed.
 */
const [cliPid, workDirectory] = [Number(process.argv[2]), process.argv[3] ?? ""];
const POLL_MS = 200;
let known = new Set<number>();

// Ctrl-C reaches the whole process group; the CLI stops cleanly then, and so does this.
process.on("SIGINT", () => undefined);
process.on("SIGHUP", () => undefined);

function statOf(pid: number): { ppid: number; name: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = stat.lastIndexOf(")");
    const name = stat.slice(stat.indexOf("(") + 1, close);
    const [state = "", ppid = "0"] = stat.slice(close + 2).split(" ");
    return state === "Z" ? null : { ppid: Number(ppid), name };
  } catch {
    return null;
  }
}

function descendantsOf(root: number): Set<number> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    const stat = Number.isInteger(pid) ? statOf(pid) : null;
    if (stat && pid !== process.pid) parents.set(pid, stat.ppid);
  }
  const found = new Set<number>();
  let frontier = [root];
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const [pid, ppid] of parents) if (frontier.includes(ppid) && !found.has(pid)) (found.add(pid), next.push(pid));
    frontier = next;
  }
  return found;
}

const timer = setInterval(() => {
  if (statOf(cliPid) !== null) {
    known = descendantsOf(cliPid);
    return;
  }
  clearInterval(timer);
  for (const pid of known) {
    // Only what is still a runtime process: a recycled PID is left alone.
    const name = statOf(pid)?.name ?? "";
    if (name === "workerd" || name === "esbuild") {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  }
  if (workDirectory.includes("edgeserve-")) rmSync(workDirectory, { recursive: true, force: true });
  process.exit(0);
}, POLL_MS);
