import { rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { REQUEST_LOG_MARKER, type RequestLogRecord } from "../shared/request-log.js";
import { WORKER_ENTRY } from "./paths.js";

/**
 * The only place that starts the Workers runtime. It uses wrangler's API, unstable_startWorker,
 * with the DevTools inspector off: the `wrangler dev` CLI always attaches the inspector, which
 * cuts 1 MiB files to ~1% of the assets-only ceiling (README, "Architecture", for the numbers).
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

export interface WorkerConfigInput {
  workDirectory: string;
  name: string;
  variables: WorkerVariables;
}

/** Writes the wrangler config for one run into edgeserve's own work folder; returns its path. */
export async function writeWorkerConfig({ workDirectory, name, variables }: WorkerConfigInput): Promise<string> {
  const config = {
    name,
    main: WORKER_ENTRY,
    compatibility_date: COMPATIBILITY_DATE,
    alias: { "edgeserve:manifest": path.join(workDirectory, "manifest.js") },
    assets: {
      directory: path.join(workDirectory, "assets"),
      binding: "ASSETS",
      html_handling: "none",
      not_found_handling: "none",
      run_worker_first: true,
    },
    vars: variables,
    observability: { enabled: false },
  };
  const file = path.join(workDirectory, "wrangler.json");
  await writeFile(file, JSON.stringify(config, null, 2));
  return file;
}

/**
 * Wrangler stays offline and quiet and writes nothing outside the work folder. It appends every
 * message, request lines included, to a debug log file: a link to /dev/null keeps a server that
 * runs all day from filling the disk (a path ending in .log is taken as the file itself).
 */
export async function quietWranglerEnvironment(workDirectory: string): Promise<void> {
  const logFile = path.join(workDirectory, "wrangler.log");
  await rm(logFile, { force: true });
  await symlink("/dev/null", logFile);
  Object.assign(process.env, {
    WRANGLER_SEND_METRICS: "false",
    WRANGLER_SEND_ERROR_REPORTS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    WRANGLER_HIDE_BANNER: "true",
    WRANGLER_LOG_PATH: logFile,
    WRANGLER_REGISTRY_PATH: path.join(workDirectory, "registry"),
  });
}

/**
 * Wrangler prints the runtime's output through console.*: request lines from the worker are
 * handed to `onRequest`, errors and warnings pass through, the rest only with --verbose.
 */
export function routeRuntimeOutput(verbose: boolean, onRequest: (record: RequestLogRecord) => void): void {
  for (const method of ["log", "info", "debug", "warn", "error"] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      const text = args.map(String).join(" ");
      const marker = text.indexOf(REQUEST_LOG_MARKER);
      if (marker >= 0) return onRequest(JSON.parse(text.slice(marker + REQUEST_LOG_MARKER.length)) as RequestLogRecord);
      if (verbose || method === "error" || method === "warn") original(...args);
    };
  }
}

export interface RunningWorker {
  url: URL;
  dispose(): Promise<void>;
}

export interface StartInput {
  configPath: string;
  host: string;
  port: number;
  verbose: boolean;
}

export async function startRuntime({ configPath, host, port, verbose }: StartInput): Promise<RunningWorker> {
  const { unstable_startWorker } = await import("wrangler");
  const worker = await unstable_startWorker({
    config: configPath,
    dev: {
      server: { hostname: host, port },
      inspector: false,
      watch: true,
      liveReload: false,
      // "log" so that the worker's request lines reach routeRuntimeOutput, which filters.
      logLevel: verbose ? "debug" : "log",
      persist: false,
    },
  });
  await worker.ready;
  return { url: await worker.url, dispose: () => worker.dispose() };
}
