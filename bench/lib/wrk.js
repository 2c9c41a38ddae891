import { execFileSync, spawn } from "node:child_process";

/** Installs wrk from Debian when missing, and says so. */
export function ensureWrk() {
  if (hasWrk()) return;
  process.stderr.write("wrk not found: installing it with apt-get install -y wrk\n");
  const prefix = process.getuid?.() === 0 ? [] : ["sudo"];
  const run = (args) => {
    const [command, ...rest] = [...prefix, ...args];
    execFileSync(command, rest, { stdio: "inherit", timeout: 300_000 });
  };
  run(["apt-get", "update"]);
  run(["apt-get", "install", "-y", "wrk"]);
  if (!hasWrk()) throw new Error("wrk is still missing after apt-get install");
  process.stderr.write("installed wrk with apt-get\n");
}

function hasWrk() {
  try {
    execFileSync("wrk", ["--version"], { stdio: "ignore" });
    return true;
  } catch (error) {
    // wrk --version prints usage and exits 1; only ENOENT means it is missing.
    return error.code !== "ENOENT";
  }
}

/**
 * One wrk run: `wrk -t1 -c32 -dNs --latency`. The timeout is raised from wrk's 2 s so python's
 * slow tail under 32 connections is measured rather than dropped as timeouts.
 */
export async function runWrk({ url, seconds, connections = 32, threads = 1, timeoutSeconds = 10, headers = [] }) {
  const args = [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, "--latency", `--timeout`, `${timeoutSeconds}s`];
  for (const header of headers) args.push("-H", header);
  args.push(url);
  const output = await runBounded("wrk", args, (seconds + timeoutSeconds + 30) * 1000);
  return parseWrk(output);
}

function runBounded(command, args, limitMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), limitMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} exited ${code}: ${output.trim()}`));
    });
  });
}

const UNITS_MS = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

function toMs(text) {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  return match ? Number(match[1]) * UNITS_MS[match[2]] : null;
}

export function parseWrk(output) {
  const number = (pattern) => {
    const match = pattern.exec(output);
    return match ? Number(match[1]) : 0;
  };
  const percentile = (label) => {
    const match = new RegExp(`^\\s+${label}%\\s+(\\S+)`, "m").exec(output);
    return match ? toMs(match[1]) : null;
  };
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  return {
    requestsPerSecond: number(/Requests\/sec:\s+([\d.]+)/),
    requests: number(/(\d+) requests in/),
    p50Ms: percentile("50"),
    p99Ms: percentile("99"),
    non2xx3xx: number(/Non-2xx or 3xx responses: (\d+)/),
    socketErrors: socket ? socket.slice(1).reduce((sum, value) => sum + Number(value), 0) : 0,
    timeouts: socket ? Number(socket[4]) : 0,
  };
}
