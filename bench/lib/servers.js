import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findFreePort, sleep, spawnGroup, stopGroup } from "./processes.js";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const WRANGLER_BIN = path.join(REPO, "node_modules/wrangler/bin/wrangler.js");
const STARTUP_DEADLINE_MS = 240_000;
const POLL_REQUEST_TIMEOUT_MS = 5_000;

/** Offline and quiet wrangler for the bare runtime: no metrics, no banner, logs in the work folder. */
function quietWranglerEnvironment(workDirectory) {
  return {
    WRANGLER_SEND_METRICS: "false",
    WRANGLER_SEND_ERROR_REPORTS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    WRANGLER_HIDE_BANNER: "true",
    WRANGLER_LOG_PATH: path.join(workDirectory, "wrangler-logs"),
    WRANGLER_REGISTRY_PATH: path.join(workDirectory, "wrangler-registry"),
  };
}

/**
 * How each server is started. npm-start is `npm start` as a user types it (a rebuild, then
 * public/ with its home page): it serves public/ whatever `directory` is.
 */
export function serverCommand(kind, { directory, port, workDirectory }) {
  const address = ["--port", String(port), "--host", "127.0.0.1"];
  switch (kind) {
    case "edgeserve":
    case "edgeserve-quiet": {
      const quiet = kind === "edgeserve-quiet" ? ["--quiet"] : [];
      return {
        command: process.execPath,
        args: [path.join(REPO, "bin/edgeserve.js"), directory, ...address, ...quiet],
        cwd: workDirectory,
      };
    }
    case "npm-start":
      return { command: "npm", args: ["start", "--silent", "--", ...address], cwd: REPO };
    case "python":
      return {
        command: "python3",
        args: ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", directory],
        cwd: workDirectory,
      };
    case "bare":
      return bareCommand({ directory, port, workDirectory });
    default:
      throw new Error(`unknown server ${kind}`);
  }
}

function bareCommand({ directory, port, workDirectory }) {
  const configPath = path.join(workDirectory, "wrangler.json");
  const config = { name: "bare", compatibility_date: "2026-04-01", assets: { directory } };
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const args = [WRANGLER_BIN, "dev", "--config", configPath, "--port", String(port), "--ip", "127.0.0.1"];
  args.push("--show-interactive-dev-session=false", "--log-level", "error");
  return { command: process.execPath, args, cwd: workDirectory, env: quietWranglerEnvironment(workDirectory) };
}

const START_ATTEMPTS = 3;

/**
 * Starts one server on a free port and waits for the first 200 on `/`; `startupMs` counts from
 * spawn, since wrangler's port accepts connections before the runtime is ready.
 * A port taken between the check and the bind is retried on another port.
 */
export async function startServer(kind, { directory, workRoot }) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnFreePort(kind, { directory, workRoot });
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt === START_ATTEMPTS) throw error;
    }
  }
}

class PortTakenError extends Error {}

async function startOnFreePort(kind, { directory, workRoot }) {
  const port = await findFreePort();
  const workDirectory = path.join(workRoot, `${kind}-${port}`);
  mkdirSync(workDirectory, { recursive: true });
  const logFile = path.join(workDirectory, "server.log");
  const { command, args, cwd, env } = serverCommand(kind, { directory, port, workDirectory });
  const started = performance.now();
  const spawned = spawnGroup({ command, args, cwd, env, logFile });
  const server = { kind, port, pid: spawned.pid, logFile, baseUrl: `http://127.0.0.1:${port}` };
  try {
    await waitForFirstOk(server, spawned.exited);
  } catch (error) {
    await stopGroup(server.pid);
    if (error instanceof PortTakenError) throw error;
    throw new Error(`${kind} did not start: ${error.message}\n--- ${logFile} ---\n${tail(logFile)}`);
  }
  server.startupMs = performance.now() - started;
  server.stop = () => stopGroup(server.pid);
  return server;
}

async function waitForFirstOk(server, exited) {
  let hasExited = false;
  exited.then(() => (hasExited = true));
  const deadline = Date.now() + STARTUP_DEADLINE_MS;
  let last = "no answer";
  while (Date.now() < deadline) {
    // Another process on our port would answer instead of the server under test.
    if (/Address already in use|EADDRINUSE/.test(tail(server.logFile))) throw new PortTakenError(`port ${server.port} taken`);
    if (hasExited) throw new Error("the process exited");
    const status = await getStatus(`${server.baseUrl}/`, POLL_REQUEST_TIMEOUT_MS);
    if (status === 200) return;
    last = String(status);
    // Refused connections are cheap to retry: 10 ms keeps the start-up figures that fine.
    await sleep(typeof status === "number" ? 100 : 10);
  }
  throw new Error(`no 200 on / within ${STARTUP_DEADLINE_MS / 1000}s (last: ${last})`);
}

/** One GET without keep-alive; a status code, or an error code string. */
export function getStatus(url, timeoutMs) {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode));
      response.on("error", (error) => resolve(error.code ?? "error"));
    });
    request.on("timeout", () => request.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })));
    request.on("error", (error) => resolve(error.code ?? "error"));
  });
}

function tail(file) {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-20).join("\n");
  } catch {
    return "(no log)";
  }
}
