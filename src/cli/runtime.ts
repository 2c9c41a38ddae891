import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { Log, LogLevel, Miniflare, type MiniflareOptions } from "miniflare";
import { CONTROL_TOKEN_HEADER, FRONT_CONTROL_PREFIX, MANIFEST_PUSH_PATH } from "../shared/control.js";
import { REQUEST_LOG_MARKER, type RequestLogRecord } from "../shared/request-log.js";
import { PACKAGE_ROOT } from "./paths.js";

/**
 * The only place that starts the Workers runtime: Miniflare instances (docs/hosting-decision.md).
 * The worker (the Hono app and the assets binding) listens on a loopback port of its own; the
 * front worker (src/front) owns the user's port and passes requests to the current worker.
 * A re-index starts a new worker beside the old one and switches the front over (blue-green).
 * All use Miniflare's direct sockets, so nothing rewrites or compresses answers on the way.
 */

export const COMPATIBILITY_DATE = "2026-04-01";

export interface WorkerVariables {
  HOME_PAGE: string;
  GREET_PATH: string;
  GREET_PRECEDENCE: "greeting" | "files";
  CACHE_MAX_AGE: string;
  IS_PREVIEW: "0" | "1";
  REQUEST_LOG: "on" | "off";
}

export const DEFAULT_GREET_PATH = "/hello";

export interface VariablesInput {
  homePage: string | null;
  /** As given: null for the default, "off", or a path the user chose (which then wins over files). */
  greetPath: string | null;
  cacheMaxAge: number;
  isPreview: boolean;
  isRequestLogOn: boolean;
}

/** The worker's variables, the same for `edgeserve DIR` and `edgeserve deploy` (src/worker/env.ts). */
export function createWorkerVariables(input: VariablesInput): WorkerVariables {
  return {
    HOME_PAGE: input.homePage ?? "",
    GREET_PATH: input.greetPath ?? DEFAULT_GREET_PATH,
    GREET_PRECEDENCE: input.greetPath === null ? "files" : "greeting",
    CACHE_MAX_AGE: String(input.cacheMaxAge),
    IS_PREVIEW: input.isPreview ? "1" : "0",
    REQUEST_LOG: input.isRequestLogOn ? "on" : "off",
  };
}

export interface StartInput {
  workDirectory: string;
  manifestSource: string;
  variables: WorkerVariables;
  host: string;
  port: number;
  verbose: boolean;
  onRequest: (record: RequestLogRecord) => void;
}

export interface Runtime {
  url: URL;
  /** Edits: the worker swaps its manifest in place. */
  pushManifest(manifestJson: string): Promise<void>;
  /** Files added or removed: the assets binding must be re-indexed, by a new worker. */
  replaceWorker(manifestSource: string): Promise<void>;
  dispose(): Promise<void>;
}

export async function startRuntime(input: StartInput): Promise<Runtime> {
  const signalListeners = { SIGINT: process.listeners("SIGINT"), SIGTERM: process.listeners("SIGTERM") };
  try {
    return await startInstances(input);
  } finally {
    // Miniflare's exit hook answers Ctrl-C with exit code 130 before the CLI has stopped cleanly;
    // the CLI owns signals (exit 0, README) and disposes Miniflare itself. Its "exit" hook stays.
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      for (const listener of process.listeners(signal)) if (!signalListeners[signal].includes(listener)) process.removeListener(signal, listener);
    }
  }
}

async function startInstances(input: StartInput): Promise<Runtime> {
  const token = randomBytes(32).toString("hex");
  const [workerBundle, frontBundle] = await Promise.all(["worker", "front"].map((name) => readFile(path.join(PACKAGE_ROOT, "dist", "workers", name, "index.js"), "utf8")));
  const log = new Log(input.verbose ? LogLevel.DEBUG : LogLevel.WARN);
  const shared = { compatibilityDate: COMPATIBILITY_DATE, host: "127.0.0.1", port: 0, cf: false, logRequests: false, log, modulesRoot: input.workDirectory };
  const workerOptions = (manifestSource: string, backendPort: number): MiniflareOptions => ({
    ...shared,
    name: "edgeserve",
    modules: [
      { type: "ESModule", path: path.join(input.workDirectory, "index.js"), contents: workerBundle as string },
      { type: "ESModule", path: path.join(input.workDirectory, "edgeserve:manifest"), contents: manifestSource },
    ],
    bindings: { ...input.variables, CONTROL_TOKEN: token },
    assets: {
      directory: path.join(input.workDirectory, "assets"),
      binding: "ASSETS",
      routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true },
      assetConfig: { html_handling: "none", not_found_handling: "none" },
    },
    unsafeDirectSockets: [{ host: "127.0.0.1", port: backendPort }],
    handleStructuredLogs: (log) => routeWorkerOutput(log, input),
  });
  const startWorker = async (manifestSource: string) => {
    const port = await findFreePort();
    const instance = new Miniflare(workerOptions(manifestSource, port));
    await instance.ready;
    return { instance, url: `http://127.0.0.1:${port}` };
  };
  let worker = await startWorker(input.manifestSource);
  const front = new Miniflare({
    ...shared,
    name: "edgeserve-front",
    modules: [{ type: "ESModule", path: path.join(input.workDirectory, "front.js"), contents: frontBundle as string }],
    bindings: { BACKEND: worker.url, CONTROL_TOKEN: token },
    unsafeDirectSockets: [{ host: input.host, port: input.port }],
    handleStructuredLogs: ({ message }) => input.verbose && console.log(message),
  });
  const url = await front.unsafeGetDirectURL().catch(async (error: unknown) => {
    await worker.instance.dispose();
    throw error;
  });
  const call = (base: string, pathname: string, body?: string) =>
    fetch(new URL(pathname, base), { method: "POST", headers: { [CONTROL_TOKEN_HEADER]: token }, body }).then((response) => response.arrayBuffer());
  return {
    url,
    async pushManifest(manifestJson) {
      await call(worker.url, MANIFEST_PUSH_PATH, manifestJson);
    },
    async replaceWorker(manifestSource) {
      const old = worker;
      worker = await startWorker(manifestSource);
      await call(url.href, `${FRONT_CONTROL_PREFIX}switch?backend=${encodeURIComponent(worker.url)}`);
      // Requests already on the old worker finish there: an answer is never cut in half.
      await call(url.href, `${FRONT_CONTROL_PREFIX}drain?backend=${encodeURIComponent(old.url)}`);
      await old.instance.dispose();
    },
    async dispose() {
      await Promise.allSettled([front.dispose(), worker.instance.dispose()]);
    },
  };
}

/** The worker's request lines go to the request log; anything else it prints only with --verbose (errors always). */
function routeWorkerOutput({ level, message }: { level: string; message: string }, input: StartInput): void {
  const marker = message.indexOf(REQUEST_LOG_MARKER);
  if (marker >= 0) input.onRequest(JSON.parse(message.slice(marker + REQUEST_LOG_MARKER.length)) as RequestLogRecord);
  else if (input.verbose || level === "error") process.stderr.write(`${message}\n`);
}

/** A loopback port for a worker behind the front (each replacement gets a new one). */
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
