import { rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { WORKER_ENTRY } from "./paths.js";
import { COMPATIBILITY_DATE, type WorkerVariables } from "./worker-config.js";

/** The wrangler configuration `edgeserve deploy` hands to the project's own wrangler. */

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
