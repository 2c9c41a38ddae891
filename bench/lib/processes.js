import { execFileSync, spawn } from "node:child_process";
import { closeSync, openSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";

/**
 * Every server the bench starts runs in a process group of its own (spawn detached), so one
 * signal to the group reaches the children (workerd, the watchdog, wrangler's) too.
 */
const runningGroups = new Set();
/** Every group ever started here, for the final check that no workerd of ours is left. */
export const startedGroups = new Set();

export function spawnGroup({ command, args, cwd, env, logFile }) {
  const log = openSync(logFile, "a");
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ["ignore", log, log] });
  closeSync(log);
  runningGroups.add(child.pid);
  startedGroups.add(child.pid);
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return { pid: child.pid, exited, child };
}

/** SIGINT to the group, then SIGKILL after `graceMs` if anything in it is still alive. */
export async function stopGroup(pid, graceMs = 8_000) {
  signalGroup(pid, "SIGINT");
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && groupMembers(pid).length > 0) await sleep(100);
  if (groupMembers(pid).length > 0) signalGroup(pid, "SIGKILL");
  runningGroups.delete(pid);
}

/** Synchronous last resort for process exit paths: kill whatever is left. */
export function killAllGroupsNow() {
  for (const pid of runningGroups) signalGroup(pid, "SIGKILL");
  runningGroups.clear();
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** [pid, ppid, pgid] for every process, from /proc/PID/stat (field 4 ppid, field 5 pgrp). */
function readProcessTable() {
  const table = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      table.push({ pid: Number(name), ppid: Number(fields[1]), pgid: Number(fields[2]) });
    } catch {
      // The process exited while we read the table.
    }
  }
  return table;
}

function groupMembers(pgid) {
  return readProcessTable().filter((entry) => entry.pgid === pgid);
}

/** The pid and all its descendants. */
export function processTree(rootPid) {
  const children = new Map();
  for (const { pid, ppid } of readProcessTable()) {
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  const tree = [];
  const pending = [rootPid];
  while (pending.length > 0) {
    const pid = pending.pop();
    tree.push(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** VmRSS in bytes and a short name for each process in the tree from rootPid down. */
export function treeRssByProcess(rootPid) {
  const rows = [];
  for (const pid of processTree(rootPid)) {
    try {
      const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
      const name = command
        .slice(0, 2)
        .map((part) => part.split("/").pop())
        .join(" ");
      if (match) rows.push({ pid, name, bytes: Number(match[1]) * 1024 });
    } catch {
      // Gone between the listing and the read.
    }
  }
  return rows;
}

/** Sum of VmRSS over the tree from rootPid down, in bytes. */
export function treeRss(rootPid) {
  return treeRssByProcess(rootPid).reduce((sum, row) => sum + row.bytes, 0);
}

/** workerd processes (pgrep -a lines) still running in one of the groups this process started. */
export function leftoverWorkerd() {
  let lines;
  try {
    lines = execFileSync("pgrep", ["-a", "workerd"], { encoding: "utf8" }).trim().split("\n");
  } catch {
    return [];
  }
  const byPid = new Map(readProcessTable().map((entry) => [entry.pid, entry]));
  return lines.filter((line) => startedGroups.has(byPid.get(Number(line.split(" ")[0]))?.pgid));
}

/**
 * A free port below Linux's ephemeral range (32768+): other processes binding port 0 (the tests
 * running next to us start many workerd) then cannot take it between this check and the bind.
 */
export async function findFreePort() {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await isPortFree(port)) return port;
  }
  throw new Error("no free port found between 20000 and 32000");
}

function isPortFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ host: "127.0.0.1", port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Exits cleanly on Ctrl-C or a crash, killing every server first. */
export function installCleanup() {
  process.once("exit", killAllGroupsNow);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.once(signal, () => {
      killAllGroupsNow();
      process.exit(130);
    });
  }
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
