import { mkdtemp, rm, stat } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { countBytes, type FolderIndex } from "../manifest/build.js";
import { generateSite } from "../manifest/generate.js";
import { formatSize } from "../shared/format.js";
import type { ServeOptions } from "./args.js";
import { formatRequestLine, printLine, printSkipped, printWarning, shouldColor } from "./log.js";
import { watchFolder, type LiveFolder } from "./watch.js";
import { quietWranglerEnvironment, routeRuntimeOutput, startRuntime, writeWorkerConfig, type RunningWorker } from "./runtime.js";

/** An expected failure with a sentence for the user; main.ts prints it and exits 1. */
export class UserError extends Error {}

/** Wrangler's local server refuses more (PLATFORM.md). */
export const MAX_FILES = 100_000;
const DEFAULT_GREET_PATH = "/hello";

export async function serve(options: ServeOptions): Promise<void> {
  const root = path.resolve(options.directory);
  await assertDirectory(root, options.directory);
  if (options.port !== 0) await assertPortFree(options.host, options.port);
  const workDirectory = await mkdtemp(path.join(os.tmpdir(), "edgeserve-"));
  let worker: RunningWorker | null = null;
  let liveFolder: LiveFolder | null = null;
  const stop = async (code: number) => {
    await liveFolder?.close().catch(() => undefined);
    await worker?.dispose().catch(() => undefined);
    await rm(workDirectory, { recursive: true, force: true });
    process.exit(code);
  };
  process.once("SIGINT", () => void stop(0));
  process.once("SIGTERM", () => void stop(0));
  try {
    const started = performance.now();
    const index = await generateSite(root, workDirectory, { withDigests: options.withDigests });
    assertFileCount(index, options.directory);
    printSkipped(index.skipped);
    const greetPath = checkGreeting(index, options.greetPath);
    checkHomePage(index, options.homePage);
    await quietWranglerEnvironment(workDirectory);
    const isColored = shouldColor(process.stdout);
    routeRuntimeOutput(options.verbose, (record) => printLine(formatRequestLine(record, options.logFormat, isColored)));
    const configPath = await writeWorkerConfig({
      workDirectory,
      name: "edgeserve",
      variables: {
        HOME_PAGE: options.homePage ?? "",
        GREET_PATH: greetPath,
        GREET_PRECEDENCE: options.greetPath === null ? "files" : "greeting",
        CACHE_MAX_AGE: String(options.cacheMaxAge),
        IS_PREVIEW: "0",
        REQUEST_LOG: options.quiet ? "off" : "on",
      },
    });
    worker = await startRuntime({ configPath, host: options.host, port: options.port, verbose: options.verbose });
    const url = new URL(worker.url);
    url.hostname = options.host.includes(":") ? `[${options.host}]` : options.host;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    printLine(`Serving ${root} (${index.files.size} files, ${formatSize(countBytes(index))}) in ${seconds}s`);
    printLine(`Serving HTTP on ${options.host} port ${url.port} (${url.href}) ...`);
    liveFolder = watchFolder({
      index,
      workDirectory,
      onUpdate: ({ added, removed, skipped, milliseconds }) => {
        printSkipped(skipped);
        if (options.verbose) printLine(`folder changed: ${added} files added or moved, ${removed} removed (${milliseconds.toFixed(0)} ms)`);
      },
      onError: (error) => printWarning(`could not follow a change in the folder: ${error instanceof Error ? error.message : String(error)}`),
    });
  } catch (error) {
    await stop(1).catch(() => undefined);
    throw error;
  }
}

async function assertDirectory(root: string, given: string): Promise<void> {
  const stats = await stat(root).catch(() => null);
  if (stats === null) throw new UserError(`${given}: no such folder. Give the folder to serve, e.g. edgeserve public`);
  if (!stats.isDirectory()) throw new UserError(`${given} is a file, not a folder. Give the folder that contains it, e.g. edgeserve ${path.dirname(given) || "."}`);
}

/** A clear sentence before any runtime starts: wrangler would fail later with a stack. */
async function assertPortFree(host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") reject(new UserError(`port ${port} on ${host} is already in use. Stop the other server or choose another port with --port`));
      else reject(new UserError(`cannot listen on ${host} port ${port} (${error.code ?? error.message}). Check --host and --port`));
    });
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

function assertFileCount(index: FolderIndex, given: string): void {
  if (index.files.size > MAX_FILES) {
    throw new UserError(`${given} has ${index.files.size} files, more than the ${MAX_FILES.toLocaleString("en")} the Workers runtime serves. Serve a smaller folder, or hide some with an .assetsignore file`);
  }
}

function entryExists(index: FolderIndex, urlPath: string): boolean {
  const key = urlPath.split("/").filter(Boolean).join("/");
  return key === "" || index.files.has(key) || index.directories.has(key);
}

/** Returns the GREET_PATH for the worker, warning once about a real entry in the way. */
function checkGreeting(index: FolderIndex, chosen: string | null): string {
  if (chosen === "off") return "off";
  const greetPath = chosen ?? DEFAULT_GREET_PATH;
  if (greetPath !== "/" && entryExists(index, greetPath)) {
    if (chosen === null) printWarning(`the folder has ${greetPath}, which is served instead of the greeting page; move the greeting with --greet PATH`);
    else printWarning(`the greeting page at ${greetPath} hides the folder's own ${greetPath}`);
  }
  return greetPath;
}

function checkHomePage(index: FolderIndex, homePage: string | null): void {
  if (homePage === null) return;
  const key = homePage.split("/").filter((segment) => segment !== "" && segment !== ".").join("/");
  if (!index.files.has(key)) printWarning(`--home ${homePage}: no such file in the folder, so / shows the folder's index or listing`);
}
