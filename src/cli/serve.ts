import { spawn } from "node:child_process";
import { constants, readFileSync } from "node:fs";
import { access, mkdtemp, rm, stat } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { countBytes, type FolderChange, type FolderIndex } from "../manifest/build.js";
import { generateSite } from "../manifest/generate.js";
import type { ServeOptions } from "./args.js";
import { createProgress, formatRequestLine, printLine, printSkipped, printStartup, printWarning, shouldColor } from "./log.js";
import { PACKAGE_ROOT } from "./paths.js";
import { renderManifestData, renderManifestModule } from "../manifest/write.js";
import { createWorkerVariables, DEFAULT_GREET_PATH, startRuntime, type Runtime } from "./runtime.js";
import { watchFolder, type LiveFolder } from "./watch.js";

/** An expected failure with a sentence for the user; main.ts prints it and exits 1. */
export class UserError extends Error {}

/** Wrangler's local server refuses more (PLATFORM.md). */
export const MAX_FILES = 100_000;
const HEALTH_POLL_MS = 1000;
/** Taken at start-up: a parent that goes away later (a supervisor, a test runner) ends the server. */
const PARENT_AT_START = process.ppid;

export async function serve(options: ServeOptions): Promise<void> {
  const root = path.resolve(options.directory);
  await assertDirectory(root, options.directory);
  if (options.port !== 0) await assertPortFree(options.host, options.port);
  const started = performance.now();
  const workDirectory = await createWorkDirectory();
  startWatchdog(workDirectory);
  let runtime: Runtime | null = null;
  let liveFolder: LiveFolder | null = null;
  const cleanUp = async () => {
    await liveFolder?.close().catch(() => undefined);
    await runtime?.dispose().catch(() => undefined);
    await rm(workDirectory, { recursive: true, force: true });
  };
  let isStopping = false;
  const stop = (code: number) => {
    if (isStopping) return;
    isStopping = true;
    void cleanUp().finally(() => process.exit(code));
  };
  // `on`, not `once`: Miniflare's exit hook re-raises a signal that no other listener holds.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => stop(0));
  try {
    const progress = createProgress(process.stderr);
    const index = await generateSite(root, workDirectory, { withDigests: options.withDigests, onProgress: progress.update });
    progress.done();
    assertFileCount(index, options.directory);
    printSkipped(index.skipped);
    const greetPath = checkGreeting(index, options.greetPath);
    const homePage = checkHomePage(index, options.homePage);
    const isColored = shouldColor(process.stdout);
    runtime = await startRuntime({
      workDirectory,
      manifestSource: renderManifestModule(renderManifestData(index.directories)),
      host: options.host,
      port: options.port,
      verbose: options.verbose,
      onRequest: (record) => printLine(formatRequestLine(record, options.logFormat, isColored)),
      variables: createWorkerVariables({ ...options, isPreview: false, isRequestLogOn: !options.quiet }),
    });
    const port = Number(runtime.url.port);
    printStartup({ root, files: index.files.size, bytes: countBytes(index), host: options.host, port, homePage, greetPath, seconds: (performance.now() - started) / 1000 });
    liveFolder = await watchFolder({
      index,
      workDirectory,
      apply: applyChange(runtime, index, options.verbose),
      onError: (error) => printWarning(`could not follow a change in the folder: ${error instanceof Error ? error.message : String(error)}`),
    });
    if (options.open) openBrowser(`http://${options.host === "0.0.0.0" ? "127.0.0.1" : options.host}:${port}/`);
    watchHealth({ isStopping: () => isStopping, onRuntimeGone: () => stop(1), onParentGone: () => stop(0) });
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** A folder change to the runtime: edits swap the manifest; added or removed files re-index the assets. */
function applyChange(runtime: Runtime, index: FolderIndex, isVerbose: boolean): (change: FolderChange) => Promise<void> {
  return async ({ added, removed, skipped }) => {
    printSkipped(skipped);
    const data = renderManifestData(index.directories);
    await runtime.pushManifest(JSON.stringify(data));
    if (added.length > 0 || removed.length > 0) await runtime.replaceWorker(renderManifestModule(data));
    if (isVerbose) printLine(`folder changed: ${added.length} files added or moved, ${removed.length} removed`);
  };
}

/**
 * The manifest and one link per served file go in memory-backed /dev/shm where Linux has it:
 * 95,000 links took 4.9 s on this machine's disk and 0.8 s there (they are tiny).
 */
async function createWorkDirectory(): Promise<string> {
  const base = await access("/dev/shm", constants.W_OK).then(() => "/dev/shm", () => os.tmpdir());
  return mkdtemp(path.join(base, "edgeserve-"));
}

/** A helper process that ends the runtime if this one is killed outright (src/cli/watchdog.ts). */
function startWatchdog(workDirectory: string): void {
  const script = path.join(PACKAGE_ROOT, "dist", "cli", "watchdog.js");
  spawn(process.execPath, [script, String(process.pid), workDirectory], { stdio: "ignore", detached: false }).unref();
}

interface HealthInput {
  isStopping: () => boolean;
  onRuntimeGone: () => void;
  onParentGone: () => void;
}

/**
 * Exits 1 when the runtime's processes are gone (a crash), and 0 when our parent is gone (the
 * terminal or supervisor that started us), rather than hanging on either.
 */
function watchHealth({ isStopping, onRuntimeGone, onParentGone }: HealthInput): void {
  let missing = 0;
  setInterval(() => {
    if (isStopping()) return;
    if (process.ppid !== PARENT_AT_START) return onParentGone();
    missing = hasRuntimeChild() ? 0 : missing + 1;
    if (missing === 2) {
      printWarning("the Workers runtime stopped unexpectedly; run again with --verbose to see why");
      onRuntimeGone();
    }
  }, HEALTH_POLL_MS).unref();
}

/** Linux's /proc; elsewhere the check is skipped (always healthy). */
function hasRuntimeChild(): boolean {
  try {
    const children = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
    return children.some((pid) => readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "workerd");
  } catch {
    return true;
  }
}

function openBrowser(url: string): void {
  const opener = process.platform === "darwin" ? "open" : process.platform === "win32" ? "explorer" : "xdg-open";
  const child = spawn(opener, [url], { stdio: "ignore", detached: true });
  child.on("error", () => printWarning(`--open: no browser opener (${opener}) on this machine; open ${url} yourself`));
  child.unref();
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
    throw new UserError(`${given} has ${index.files.size.toLocaleString("en")} files, more than the ${MAX_FILES.toLocaleString("en")} the Workers runtime serves. Serve a smaller folder, or leave some out with an .assetsignore file`);
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

/** The home page when it exists; otherwise a warning and null (/ shows the index or listing). */
function checkHomePage(index: FolderIndex, homePage: string | null): string | null {
  if (homePage === null) return null;
  const key = homePage.split("/").filter((segment) => segment !== "" && segment !== ".").join("/");
  if (index.files.has(key)) return key;
  printWarning(`--home ${homePage}: no such file in the folder, so / shows the folder's index or listing`);
  return null;
}
