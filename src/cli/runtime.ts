import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Log, LogLevel, Miniflare, type MiniflareOptions } from "miniflare";
import { CONTROL_TOKEN_HEADER, GENERATION_HEADER, MANIFEST_PUSH_PATH } from "../shared/control.js";
import type { ManifestDirectories, ManifestPush } from "../shared/manifest.js";
import { INTERNAL_ERROR_PREFIX, REQUEST_LOG_MARKER, type RequestLogRecord } from "../shared/request-log.js";
import { renderManifestModule } from "../manifest/write.js";
import { portOf } from "./log.js";
import { PACKAGE_ROOT } from "./paths.js";
import { COMPATIBILITY_DATE, type WorkerVariables } from "./worker-config.js";

/**
 * The only place that starts the Workers runtime (docs/hosting-decision.md): one Miniflare, one
 * workerd, the worker itself on the user's port through a direct socket (nothing rewrites or
 * compresses answers on the way). File bytes come from workerd's disk-directory service, rooted
 * at the work folder's links to the allowed files and reachable only as the worker's FILES
 * binding, never on a socket. Nothing is indexed: a change to the folder is a manifest push.
 */

export interface StartInput {
  workDirectory: string;
  /** The disk binding's root: the folder of links (never the served folder: links lead out). */
  linkFolder: string;
  manifest: ManifestDirectories;
  variables: WorkerVariables;
  host: string;
  port: number;
  verbose: boolean;
  onRequest: (record: RequestLogRecord) => void;
}

export interface Runtime {
  /** The port the worker listens on (the one asked for, or the free one chosen for 0). */
  port: number;
  /** Hands the worker a new manifest; resolves once the worker says it serves it. */
  pushManifest(directories: ManifestDirectories): Promise<void>;
  /** Starts workerd again on the same port with the latest manifest (after it died). */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

const PUSH_ATTEMPTS = 3;

export async function startRuntime(input: StartInput): Promise<Runtime> {
  const token = randomBytes(32).toString("hex");
  const bundle = await readFile(path.join(PACKAGE_ROOT, "dist", "workers", "worker", "index.js"), "utf8");
  let latest = input.manifest;
  let generation = 0;
  let port = input.port;
  const options = (): MiniflareOptions => ({
    name: "edgeserve",
    compatibilityDate: COMPATIBILITY_DATE,
    // Miniflare's own entry socket: loopback only, used for the manifest push.
    host: "127.0.0.1",
    port: 0,
    cf: false,
    logRequests: false,
    log: new Log(input.verbose ? LogLevel.DEBUG : LogLevel.WARN),
    modulesRoot: input.workDirectory,
    modules: [
      { type: "ESModule", path: path.join(input.workDirectory, "index.js"), contents: bundle },
      { type: "ESModule", path: path.join(input.workDirectory, "edgeserve:manifest"), contents: renderManifestModule(latest) },
    ],
    bindings: { ...input.variables, CONTROL_TOKEN: token },
    serviceBindings: { FILES: { disk: { path: input.linkFolder, writable: false } } },
    unsafeDirectSockets: [{ host: input.host, port }],
    handleStructuredLogs: (log) => routeWorkerOutput(log, input),
  });
  const miniflare = await withSignalsKept(async () => {
    const instance = new Miniflare(options());
    await instance.ready;
    return instance;
  });
  const url = await miniflare.unsafeGetDirectURL();
  port = portOf(url);

  const pushOnce = async (push: ManifestPush): Promise<boolean> => {
    const response = await miniflare.dispatchFetch(`http://localhost${MANIFEST_PUSH_PATH}`, {
      method: "POST",
      headers: { [CONTROL_TOKEN_HEADER]: token, "Content-Type": "application/json" },
      body: JSON.stringify(push),
    });
    await response.arrayBuffer();
    return response.status === 204 && response.headers.get(GENERATION_HEADER) === String(push.generation);
  };

  return {
    port,
    async pushManifest(directories) {
      latest = directories;
      generation += 1;
      const push = { generation, directories };
      for (let attempt = 1; attempt <= PUSH_ATTEMPTS; attempt += 1) {
        if (await pushOnce(push).catch(() => false)) return;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
      throw new Error(`the runtime did not take folder update ${generation} after ${PUSH_ATTEMPTS} tries`);
    },
    async restart() {
      generation = 0;
      await withSignalsKept(() => miniflare.setOptions(options()));
    },
    async dispose() {
      await miniflare.dispose();
    },
  };
}

/**
 * Miniflare installs signal hooks that answer Ctrl-C with exit code 130 before the CLI has
 * stopped cleanly; the CLI owns signals (exit 0, README) and disposes Miniflare itself.
 */
async function withSignalsKept<T>(start: () => Promise<T>): Promise<T> {
  const before = { SIGINT: process.listeners("SIGINT"), SIGTERM: process.listeners("SIGTERM") };
  try {
    return await start();
  } finally {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      for (const listener of process.listeners(signal)) if (!before[signal].includes(listener)) process.removeListener(signal, listener);
    }
  }
}

/**
 * The worker's request lines go to the request log and its own errors to stderr; the runtime's
 * other output only with --verbose: a client can make workerd log (a CONNECT request does), and
 * that must not flood the terminal. Returns nothing: Miniflare validates this handler's return
 * value inside a stream, and a `false` there once threw where nothing caught it and ended the
 * process.
 */
function routeWorkerOutput({ message }: { message: string }, input: StartInput): void {
  const marker = message.indexOf(REQUEST_LOG_MARKER);
  if (marker >= 0) {
    input.onRequest(JSON.parse(message.slice(marker + REQUEST_LOG_MARKER.length)) as RequestLogRecord);
    return;
  }
  if (input.verbose || message.startsWith(INTERNAL_ERROR_PREFIX)) process.stderr.write(`${message}\n`);
}
