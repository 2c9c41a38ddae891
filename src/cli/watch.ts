import path from "node:path";
import { type AsyncSubscription, subscribe } from "@parcel/watcher";
import { type FolderChange, type FolderIndex, updateDirectories } from "../manifest/build.js";
import { isHiddenPath } from "../manifest/rules.js";
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
 * @parcel/watcher (inotify on Linux) subscribes to 95,000 files in ~0.3 s and ~30 MiB, where
 * chokidar's initial scan took seconds and ~600 MiB.
 */
export async function watchFolder({ index, workDirectory, apply, onError }: LiveFolderInput): Promise<LiveFolder> {
  const root = index.context.rootRealPath;
  const dirty = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let firstEventAt = 0;
  let running: Promise<void> = Promise.resolve();

  const keyOf = (absolutePath: string): string | null => {
    const relative = path.relative(root, absolutePath);
    if (relative.startsWith("..") || path.isAbsolute(relative)) return null;
    const segments = relative === "" ? [] : relative.split(path.sep);
    return isHiddenPath(segments) ? null : segments.join("/");
  };

  const update = async () => {
    const keys = [...dirty];
    dirty.clear();
    const change = await updateDirectories(index, keys);
    const assets = path.join(workDirectory, "assets");
    await removeAssetLinks(assets, change.removed);
    addAssetLinks(assets, change.added);
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

  /** Every key showing the directory at `realPath`: itself, and its views through links inside the folder. */
  const keysShowing = (realPath: string): string[] => [...index.realPaths].filter(([, shown]) => shown === realPath).map(([key]) => key);

  let subscription: AsyncSubscription;
  try {
    subscription = await subscribe(
      root,
      (error, events) => {
        if (error) return onError(error);
        // A burst is many events in few directories: map each changed directory once.
        const changed = new Set(events.filter((event) => keyOf(event.path) !== null).map((event) => path.dirname(event.path)));
        for (const directory of changed) for (const key of keysShowing(directory)) dirty.add(key);
        if (dirty.size > 0) schedule();
      },
      // Every dot name but .well-known (src/manifest/rules.ts; a nested one is watched, and keyOf drops it).
      // On Linux, inotify directly: otherwise @parcel/watcher first looks for watchman through a shell.
      { ignore: ["**/.!(well-known)"], ...(process.platform === "linux" ? { backend: "inotify" as const } : {}) },
    );
  } catch (error) {
    onError(error);
    return { close: async () => undefined };
  }
  // Changes between the start-up walk and the watcher being in place raise no event: one
  // reconcile pass over every directory closes that gap (it applies only what differs).
  for (const key of index.directories.keys()) dirty.add(key);
  schedule();

  return {
    async close() {
      clearTimeout(timer);
      await subscription.unsubscribe();
      await running;
    },
  };
}
