import path from "node:path";
import { watch } from "chokidar";
import { updateDirectories, type FolderChange, type FolderIndex } from "../manifest/build.js";
import { addAssetLinks, removeAssetLinks } from "../manifest/write.js";

/** Quiet time after the last event before an update, and the longest a busy folder waits. */
const DEBOUNCE_MS = 60;
const MAX_WAIT_MS = 400;

export interface LiveFolderInput {
  index: FolderIndex;
  workDirectory: string;
  /** Hands the updated index to the runtime; called once per batch, never concurrently. */
  apply: (change: FolderChange) => Promise<void>;
  onError: (error: unknown) => void;
}

export interface LiveFolder {
  close(): Promise<void>;
}

/**
 * Folder changes to incremental manifest updates: events are grouped per directory, debounced,
 * and applied one batch at a time, after the assets folder's links have been brought in line.
 */
export function watchFolder({ index, workDirectory, apply, onError }: LiveFolderInput): LiveFolder {
  const root = index.context.rootRealPath;
  const dirty = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let firstEventAt = 0;
  let running: Promise<void> = Promise.resolve();

  const keyOf = (absolutePath: string): string | null => {
    const relative = path.relative(root, absolutePath);
    if (relative.startsWith("..") || path.isAbsolute(relative)) return null;
    const segments = relative === "" ? [] : relative.split(path.sep);
    return segments.some((segment) => segment.startsWith(".")) ? null : segments.join("/");
  };

  const update = async () => {
    const keys = [...dirty];
    dirty.clear();
    const change = await updateDirectories(index, keys);
    const assets = path.join(workDirectory, "assets");
    await removeAssetLinks(assets, change.removed);
    await addAssetLinks(assets, change.added);
    await apply(change);
  };

  const schedule = () => {
    clearTimeout(timer);
    const now = Date.now();
    if (firstEventAt === 0) firstEventAt = now;
    const delay = Math.max(0, Math.min(DEBOUNCE_MS, firstEventAt + MAX_WAIT_MS - now));
    timer = setTimeout(() => {
      firstEventAt = 0;
      running = running.then(update).catch(onError);
    }, delay);
  };

  const watcher = watch(root, {
    ignoreInitial: true,
    followSymlinks: true,
    ignored: (absolutePath: string) => keyOf(absolutePath) === null,
  });
  watcher.on("all", (_event, changedPath) => {
    const key = keyOf(changedPath);
    if (key === null || key === "") return;
    dirty.add(key.includes("/") ? key.slice(0, key.lastIndexOf("/")) : "");
    schedule();
  });
  watcher.on("error", onError);
  // Changes between the start-up walk and the watcher being in place raise no event: one
  // reconcile pass over every directory closes that gap (it applies only what differs).
  watcher.on("ready", () => {
    for (const key of index.directories.keys()) dirty.add(key);
    schedule();
  });

  return {
    async close() {
      clearTimeout(timer);
      await watcher.close();
      await running;
    },
  };
}
