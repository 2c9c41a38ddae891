import { rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import type { FolderChange, FolderIndex } from "../manifest/build.js";
import { generateSite } from "../manifest/generate.js";
import type { Skipped } from "../manifest/scan.js";
import { renderManifestData, renderManifestModule } from "../manifest/write.js";
import type { ServeOptions } from "./args.js";
import { createWorkDirectory, openBrowser, startWatchdog, watchHealth } from "./lifecycle.js";
import { createProgress, describeFolderChange, formatRequestLine, portOf, printGoodbye, printLine, printSkipped, printStartup, printWarning, shouldColor, summarizeFolder } from "./log.js";
import { assertDirectory, assertFileCount, assertPortFree, checkGreeting, checkHomePage } from "./preflight.js";
import { createWorkerVariables, startRuntime, type Runtime } from "./runtime.js";
import { watchFolder, type LiveFolder } from "./watch.js";

/** `edgeserve DIR`: check, index, start the runtime, print where, then follow the folder until stopped. */

export async function serve(options: ServeOptions): Promise<void> {
  let workDirectory: string | null = null;
  let runtime: Runtime | null = null;
  let liveFolder: LiveFolder | null = null;
  let isStopping = false;
  const cleanUp = async () => {
    await liveFolder?.close().catch(() => undefined);
    await runtime?.dispose().catch(() => undefined);
    if (workDirectory !== null) await rm(workDirectory, { recursive: true, force: true });
  };
  const stop = (code: number) => {
    if (isStopping) return;
    isStopping = true;
    void cleanUp().finally(() => process.exit(code));
  };
  // Ctrl-C at any moment exits 0 (README). Before the runtime is up there is nothing to wait for:
  // exit at once, and Miniflare's own exit hook ends any workerd it had begun to start. `on`, not
  // `once`: Miniflare's hook re-raises a signal that no other listener holds.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      printGoodbye(signal);
      if (runtime !== null) return stop(0);
      if (workDirectory !== null) rmSync(workDirectory, { recursive: true, force: true });
      process.exit(0);
    });
  }
  const root = path.resolve(options.directory);
  await assertDirectory(root, options.directory);
  if (options.port !== 0) await assertPortFree(options.host, options.port);
  workDirectory = await createWorkDirectory();
  startWatchdog(workDirectory);
  try {
    const progress = createProgress(process.stderr);
    const { index, manifest } = await generateSite(root, workDirectory, { withDigests: options.withDigests, onProgress: progress.update });
    progress.done();
    assertFileCount(index, options.directory);
    printSkipped(index.skipped);
    const greetPath = checkGreeting(index, options.greetPath);
    const homePage = checkHomePage(index, options.homePage);
    const isColored = shouldColor(process.stdout);
    runtime = await startRuntime({
      workDirectory,
      manifestSource: renderManifestModule(manifest),
      host: options.host,
      port: options.port,
      verbose: options.verbose,
      onRequest: (record) => printLine(formatRequestLine(record, options.logFormat, isColored)),
      variables: createWorkerVariables({ ...options, isPreview: false, isRequestLogOn: !options.quiet }),
    });
    const port = portOf(runtime.url);
    printStartup({ root, ...summarizeFolder(index), host: options.host, port, homePage, greetPath, seconds: performance.now() / 1000 });
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
  // A rescanned directory reports its skipped entries again: each is warned about once a run.
  const warned = new Set(index.skipped.map(describeSkipped));
  return async ({ added, removed, skipped }) => {
    printSkipped(skipped.filter((item) => !warned.has(describeSkipped(item))));
    for (const item of skipped) warned.add(describeSkipped(item));
    const data = renderManifestData(index.directories);
    await runtime.pushManifest(JSON.stringify(data));
    if (added.length > 0 || removed.length > 0) await runtime.replaceWorker(renderManifestModule(data));
    if (isVerbose) printLine(describeFolderChange(added.length, removed.length));
  };
}

function describeSkipped(item: Skipped): string {
  return `${item.reason} ${item.relativePath}`;
}
