import { rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { type FolderChange, type FolderIndex, filesOverEdgeLimit } from "../manifest/build.js";
import { generateSite } from "../manifest/generate.js";
import type { Skipped } from "../manifest/scan.js";
import { linkFolderOf, renderManifestData } from "../manifest/write.js";
import { formatSize } from "../shared/format.js";
import { MAX_EDGE_FILE_BYTES, type ManifestDirectories } from "../shared/manifest.js";
import type { ServeOptions } from "./args.js";
import { listChangedPaths } from "./changes.js";
import { createWorkDirectory, openBrowser, startWatchdog, type Watchdog } from "./lifecycle.js";
import {
  createProgress,
  describeFolderChange,
  formatRequestLine,
  printGoodbye,
  printLine,
  printSkipped,
  printStartup,
  printWarning,
  shouldColor,
  summarizeFolder,
} from "./log.js";
import { assertDirectory, assertPortFree, checkGreeting, checkHomePage, checkSpaPage } from "./preflight.js";
import { type Runtime, startRuntime } from "./runtime.js";
import { type LiveFolder, watchFolder } from "./watch.js";
import { createWorkerSecrets, createWorkerVariables } from "./worker-config.js";

/** `edgeserve DIR`: check, index, start the runtime, print where, then follow the folder until stopped. */

export async function serve(options: ServeOptions): Promise<void> {
  let workDirectory: string | null = null;
  let runtime: Runtime | null = null;
  // Kept as a promise: exiting while @parcel/watcher is still subscribing crashes the process
  // (SIGSEGV), so a stop waits for the subscription and closes it first.
  let liveFolder: Promise<LiveFolder> | null = null;
  let isStopping = false;
  let watchdog: Watchdog | null = null;
  const cleanUp = async () => {
    await liveFolder?.then((folder) => folder.close()).catch(() => undefined);
    await runtime?.dispose().catch(() => undefined);
    if (workDirectory !== null) await rm(workDirectory, { recursive: true, force: true });
    watchdog?.stop();
  };
  const stop = (code: number) => {
    if (isStopping) return;
    isStopping = true;
    void cleanUp().finally(() => process.exit(code));
  };
  // Ctrl-C at any moment exits 0 (README). Before the runtime is up there is nothing to wait for:
  // exit at once; the watchdog ends a workerd that was starting and removes the work folder.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      printGoodbye(signal);
      if (runtime !== null) return stop(0);
      if (watchdog === null && workDirectory !== null) rmSync(workDirectory, { recursive: true, force: true });
      process.exit(0);
    });
  }
  const root = path.resolve(options.directory);
  await assertDirectory(root, options.directory);
  if (options.port !== 0) await assertPortFree(options.host, options.port);
  // node-forge loads only with --tls; an unreadable --tls-cert stops here, before any indexing.
  const { tls: tlsChoice } = options;
  const certificate = tlsChoice.kind === "off" ? null : await import("./tls.js").then(({ loadCertificate }) => loadCertificate(tlsChoice));
  workDirectory = await createWorkDirectory();
  watchdog = startWatchdog(workDirectory);
  try {
    const progress = createProgress(process.stderr);
    const { index, manifest } = await generateSite(root, workDirectory, { withDigests: options.withDigests, onProgress: progress.update });
    progress.done();
    printSkipped(index.skipped);
    noteFilesOverEdgeLimit(index);
    const greetPath = checkGreeting(index, options.greetPath);
    const homePage = checkHomePage(index, options.homePage);
    checkSpaPage(index, options.spaPage);
    const isColored = shouldColor(process.stdout);
    runtime = await startRuntime({
      workDirectory,
      linkFolder: linkFolderOf(path.join(workDirectory, "assets")),
      manifest,
      host: options.host,
      port: options.port,
      verbose: options.verbose,
      tls: certificate,
      onRequest: (record) => printLine(formatRequestLine(record, options.logFormat, isColored)),
      onRestart: () => printWarning("the Workers runtime stopped unexpectedly and was restarted; run with --verbose to see why"),
      onGiveUp: (error) => {
        printWarning(`the Workers runtime stopped and could not be restarted: ${error.message}`);
        stop(1);
      },
      variables: createWorkerVariables({ ...options, isPreview: false, isRequestLogOn: !options.quiet, isReloadOn: options.reload }),
      secrets: createWorkerSecrets(options),
    });
    const { port } = runtime;
    printStartup({
      root,
      ...summarizeFolder(index),
      host: options.host,
      port,
      homePage,
      greetPath,
      seconds: performance.now() / 1000,
      tls: certificate,
    });
    if (isStopping) return;
    liveFolder = watchFolder({
      index,
      workDirectory,
      apply: applyChange(runtime, index, { isVerbose: options.verbose, isReloadOn: options.reload, served: manifest }),
      // While stopping, the runtime may already be gone (Ctrl-C reaches the whole process group).
      onError: (error) =>
        isStopping || printWarning(`could not follow a change in the folder: ${error instanceof Error ? error.message : String(error)}`),
    });
    await liveFolder;
    if (options.open && !isStopping)
      openBrowser(`${certificate === null ? "http" : "https"}://${options.host === "0.0.0.0" ? "127.0.0.1" : options.host}:${port}/`);
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/**
 * Any folder change is one manifest push: the links are already in line, nothing is re-indexed.
 * A batch that changed nothing the worker shows (the reconcile pass after start-up, most often)
 * pushes nothing.
 */
function applyChange(
  runtime: Runtime,
  index: FolderIndex,
  { isVerbose, isReloadOn, served }: { isVerbose: boolean; isReloadOn: boolean; served: ManifestDirectories },
): (change: FolderChange) => Promise<void> {
  // A rescanned directory reports its skipped entries again: each is warned about once a run.
  const warned = new Set(index.skipped.map(describeSkipped));
  let current = served;
  return async ({ added, removed, skipped }) => {
    printSkipped(skipped.filter((item) => !warned.has(describeSkipped(item))));
    for (const item of skipped) warned.add(describeSkipped(item));
    const next = renderManifestData(index.directories);
    if (!hasDirectoryChanged(current, next)) return;
    await runtime.pushManifest(next, isReloadOn ? listChangedPaths(current, next) : undefined);
    current = next;
    if (isVerbose) printLine(describeFolderChange(added.length, removed.length));
  };
}

function hasDirectoryChanged(before: ManifestDirectories, after: ManifestDirectories): boolean {
  const keys = Object.keys(after);
  return keys.length !== Object.keys(before).length || keys.some((key) => before[key] !== after[key]);
}

function noteFilesOverEdgeLimit(index: FolderIndex): void {
  const files = filesOverEdgeLimit(index);
  if (files.length === 0) return;
  const examples = files
    .slice(0, 3)
    .map((file) => JSON.stringify(file.key))
    .join(", ");
  const more = files.length > 3 ? ` and ${files.length - 3} more` : "";
  printLine(
    `Note: ${examples}${more} ${files.length === 1 ? "is" : "are"} over the ${formatSize(MAX_EDGE_FILE_BYTES)} a file may be on the edge: served here, refused by edgeserve deploy`,
  );
}

function describeSkipped(item: Skipped): string {
  return `${item.reason} ${item.relativePath}`;
}
