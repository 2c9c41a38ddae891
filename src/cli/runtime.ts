import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import readline from "node:readline";
import { renderManifestModule } from "../manifest/write.js";
import { CONTROL_TOKEN_HEADER, GENERATION_HEADER, MANIFEST_PUSH_PATH } from "../shared/control.js";
import { diffManifests, type ManifestDirectories, type ManifestPush } from "../shared/manifest.js";
import { INTERNAL_ERROR_PREFIX, REQUEST_LOG_MARKER, type RequestLogRecord } from "../shared/request-log.js";
import { PACKAGE_ROOT } from "./paths.js";
import { COMPATIBILITY_DATE, type WorkerSecrets, type WorkerVariables } from "./worker-config.js";
import { CONTROL_SOCKET, formatSocketAddress, HTTP_SOCKET, renderWorkerdConfig } from "./workerd-config.js";

/**
 * The only place that starts the Workers runtime (docs/hosting-decision.md): one workerd process,
 * the worker itself on the user's port, file bytes from workerd's disk-directory service over the
 * work folder's links (src/cli/workerd-config.ts). Nothing is indexed, so it is ready in tens of
 * milliseconds; a change to the folder is a manifest push on a loopback control socket. If the
 * process dies it is started again on the same port with the latest manifest.
 */

export interface StartInput {
  workDirectory: string;
  /** The disk binding's root: the folder of links (never the served folder: links lead out). */
  linkFolder: string;
  manifest: ManifestDirectories;
  variables: WorkerVariables;
  secrets: WorkerSecrets;
  host: string;
  port: number;
  verbose: boolean;
  /** --tls: the keypair the user's socket serves HTTPS with; null for HTTP. */
  tls: { privateKey: string; certificate: string } | null;
  onRequest: (record: RequestLogRecord) => void;
  /** The process died and a new one serves again. */
  onRestart: () => void;
  /** The process died and RESTART_ATTEMPTS starts in a row failed. */
  onGiveUp: (error: Error) => void;
}

export interface Runtime {
  /** The port the worker listens on (the one asked for, or the free one chosen for 0). */
  port: number;
  /**
   * Hands the worker a new manifest; resolves once the worker says it serves it. With --reload,
   * `changedPaths` says what changed (src/cli/changes.ts), for the pages it reloads.
   */
  pushManifest(directories: ManifestDirectories, changedPaths?: string[]): Promise<void>;
  dispose(): Promise<void>;
}

const PUSH_ATTEMPTS = 3;
const RESTART_ATTEMPTS = 3;
/** Ctrl-C reaches workerd and the CLI together: a death this close to a stop is no crash. */
const RESTART_DELAY_MS = 100;
const READY_TIMEOUT_MS = 15_000;

interface Running {
  child: ChildProcess;
  ports: Map<string, number>;
}

export async function startRuntime(input: StartInput): Promise<Runtime> {
  const token = randomBytes(32).toString("hex");
  const { workDirectory } = input;
  await copyFile(path.join(PACKAGE_ROOT, "dist", "workers", "worker", "index.js"), path.join(workDirectory, "worker.js"));
  const configFile = path.join(workDirectory, "workerd.capnp");
  await writeFile(
    configFile,
    renderWorkerdConfig({
      workerFile: "worker.js",
      manifestFile: "manifest.js",
      compatibilityDate: COMPATIBILITY_DATE,
      linkFolder: input.linkFolder,
      variables: { ...input.variables, CONTROL_TOKEN: token },
      secrets: input.secrets,
      tls: input.tls,
    }),
    // It holds the run's control token, any --auth password and any --tls private key: readable
    // by this user only (the work folder itself is mkdtemp's 0700).
    { mode: 0o600 },
  );
  let latest = input.manifest;
  let generation = 0;
  /** What the worker last confirmed serving; null when unknown (it then gets the whole manifest). */
  let confirmed: { generation: number; directories: ManifestDirectories } | null = { generation: 0, directories: input.manifest };
  let isDisposed = false;
  let running = await spawnWorkerd(configFile, formatSocketAddress(input.host, input.port), input);
  const port = running.ports.get(HTTP_SOCKET) ?? input.port;

  const restart = async () => {
    await writeFile(path.join(workDirectory, "manifest.js"), renderManifestModule(latest));
    let lastError = new Error("the runtime did not start");
    for (let attempt = 1; attempt <= RESTART_ATTEMPTS && !isDisposed; attempt += 1) {
      try {
        running = await spawnWorkerd(configFile, formatSocketAddress(input.host, port), input);
        // A new worker starts at generation 0 with the manifest just written.
        confirmed = { generation: 0, directories: latest };
        superviseExit(running.child);
        if (isDisposed) running.child.kill("SIGKILL");
        else input.onRestart();
        return;
      } catch (error) {
        lastError = error instanceof Error ? error : new Error(String(error));
      }
    }
    if (!isDisposed) input.onGiveUp(lastError);
  };
  const superviseExit = (child: ChildProcess) => {
    child.once("exit", () => {
      if (!isDisposed) setTimeout(() => isDisposed || void restart(), RESTART_DELAY_MS);
    });
  };
  superviseExit(running.child);

  const pushOnce = async (push: ManifestPush): Promise<boolean> => {
    const response = await fetch(`http://127.0.0.1:${running.ports.get(CONTROL_SOCKET)}${MANIFEST_PUSH_PATH}`, {
      method: "POST",
      headers: { [CONTROL_TOKEN_HEADER]: token, "Content-Type": "application/json" },
      body: JSON.stringify(push),
    });
    await response.arrayBuffer();
    return response.status === 204 && response.headers.get(GENERATION_HEADER) === String(push.generation);
  };

  return {
    port,
    async pushManifest(directories, changedPaths) {
      // Only what changed since the generation the worker confirmed; after a refusal (a restarted
      // worker serves another generation) or a lost answer, the whole manifest.
      const base = confirmed;
      const delta = { base: base?.generation ?? null, ...diffManifests(base?.directories ?? {}, directories) };
      const reload = changedPaths === undefined ? {} : { changedPaths };
      latest = directories;
      generation += 1;
      for (let attempt = 1; attempt <= PUSH_ATTEMPTS; attempt += 1) {
        const push =
          attempt === 1 ? { generation, ...delta, ...reload } : { generation, base: null, changed: directories, removed: [], ...reload };
        if (await pushOnce(push).catch(() => false)) {
          confirmed = { generation, directories };
          return;
        }
        confirmed = null;
        if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
      throw new Error(`the runtime did not take folder update ${generation} after ${PUSH_ATTEMPTS} tries`);
    },
    async dispose() {
      isDisposed = true;
      await stopProcess(running.child);
    },
  };
}

/** Starts workerd and resolves once both sockets listen (it reports each on --control-fd). */
async function spawnWorkerd(configFile: string, httpAddress: string, input: StartInput): Promise<Running> {
  const binary = createRequire(path.join(PACKAGE_ROOT, "package.json"))("workerd").default as string;
  const child = spawn(binary, ["serve", configFile, `--socket-addr=${HTTP_SOCKET}=${httpAddress}`, "--control-fd=3"], {
    cwd: path.dirname(configFile),
    stdio: ["ignore", "pipe", "pipe", "pipe"],
  });
  readline.createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => routeOutput(line, input));
  let errors = "";
  readline.createInterface({ input: child.stderr as NodeJS.ReadableStream }).on("line", (line) => {
    errors += `${line}\n`;
    if (input.verbose) process.stderr.write(`${line}\n`);
  });
  const ports = new Map<string, number>();
  await new Promise<void>((resolve, reject) => {
    const fail = (reason: string) => {
      child.kill("SIGKILL");
      reject(new Error(`${reason}${errors.trim() === "" ? "" : `: ${errors.trim().split("\n").slice(-3).join(" ")}`}`));
    };
    const timer = setTimeout(() => fail("the Workers runtime did not start in time"), READY_TIMEOUT_MS);
    child.once("error", (error) => fail(`cannot run workerd (${error.message})`));
    child.once("exit", (code) => fail(`the Workers runtime exited with code ${code} while starting`));
    readline.createInterface({ input: child.stdio[3] as NodeJS.ReadableStream }).on("line", (line) => {
      const event = JSON.parse(line) as { event?: string; socket?: string; port?: number };
      if (event.event === "listen" && event.socket !== undefined && event.port !== undefined) ports.set(event.socket, event.port);
      if (ports.has(HTTP_SOCKET) && ports.has(CONTROL_SOCKET)) {
        clearTimeout(timer);
        child.removeAllListeners("exit");
        child.removeAllListeners("error");
        resolve();
      }
    });
  });
  return { child, ports };
}

/**
 * workerd prints one JSON object per line (structuredLogging). The worker's request lines go to
 * the request log and its own errors to stderr; anything else only with --verbose: a client can
 * make the runtime log (a CONNECT request does), and that must not flood the terminal.
 */
function routeOutput(line: string, input: StartInput): void {
  let message = line;
  try {
    message = String((JSON.parse(line) as { message?: unknown }).message ?? line);
  } catch {
    // Not JSON: shown as it is, with --verbose.
  }
  const marker = message.indexOf(REQUEST_LOG_MARKER);
  if (marker >= 0) input.onRequest(JSON.parse(message.slice(marker + REQUEST_LOG_MARKER.length)) as RequestLogRecord);
  else if (input.verbose || message.startsWith(INTERNAL_ERROR_PREFIX)) process.stderr.write(`${message}\n`);
}

/** SIGTERM, then SIGKILL if it has not exited within a moment. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 1_000);
  await exited;
  clearTimeout(timer);
}
