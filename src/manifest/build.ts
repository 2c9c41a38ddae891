import { readFile, realpath } from "node:fs/promises";
import path from "node:path";
import { type Entry, isOverEdgeLimit, joinKey } from "../shared/manifest.js";
import { createIgnoreRules } from "./rules.js";
import { type ScanContext, type ScannedDirectory, type Skipped, scanDirectory } from "./scan.js";

export interface BuildOptions {
  withDigests?: boolean;
  /** Called after each directory, for progress on big folders. */
  onProgress?: (filesSeen: number) => void;
}

/** Everything known about a served folder; the manifest module and the assets folder come from it. */
export interface FolderIndex {
  context: ScanContext;
  /** Directory key → its entries; only directories that can be reached are present. */
  directories: Map<string, Entry[]>;
  /** File key → absolute real path of every regular file that may be served. */
  files: Map<string, string>;
  /** Directory key → its real path (for rescans when it changes). */
  realPaths: Map<string, string>;
  skipped: Skipped[];
}

export async function createScanContext(root: string, withDigests = false): Promise<ScanContext> {
  const rootRealPath = await realpath(root);
  const ignoreText = await readFile(path.join(rootRealPath, ".assetsignore"), "utf8").catch(() => null);
  return { rootRealPath, isIgnored: createIgnoreRules(ignoreText), withDigests };
}

/** Walks the whole folder, breadth first, one directory level at a time. */
export async function buildFolderIndex(root: string, options: BuildOptions = {}): Promise<FolderIndex> {
  const context = await createScanContext(root, options.withDigests ?? false);
  const index: FolderIndex = { context, directories: new Map(), files: new Map(), realPaths: new Map(), skipped: [] };
  index.skipped = await scanTree(index, "", context.rootRealPath, options.onProgress);
  return index;
}

/** Scans the directory at `key` and everything below it into `index` (replacing what was there). */
export async function scanTree(
  index: FolderIndex,
  key: string,
  realPath: string,
  onProgress?: (filesSeen: number) => void,
): Promise<Skipped[]> {
  const skipped: Skipped[] = [];
  let level: { key: string; realPath: string; ancestors: string[] }[] = [{ key, realPath, ancestors: ancestorsOf(index, key) }];
  while (level.length > 0) {
    const scanned = await Promise.all(level.map((item) => scanDirectory(index.context, item.key, item.realPath)));
    const next: typeof level = [];
    scanned.forEach((directory, position) => {
      const item = level[position] as (typeof level)[number];
      const ancestors = [...item.ancestors, item.realPath];
      addDirectory(index, directory, item.realPath);
      skipped.push(...directory.skipped);
      for (const child of directory.children) {
        // A link to a directory that contains it would make the walk endless.
        if (ancestors.includes(child.realPath)) {
          skipped.push({ relativePath: child.key, reason: "link-loop" });
          removeEntry(index, directory.key, child.key);
        } else next.push({ ...child, ancestors });
      }
    });
    onProgress?.(index.files.size);
    level = next;
  }
  return skipped;
}

function addDirectory(index: FolderIndex, directory: ScannedDirectory, realPath: string): void {
  index.directories.set(directory.key, directory.entries);
  index.realPaths.set(directory.key, realPath);
  for (const [key, filePath] of directory.files) index.files.set(key, filePath);
}

function removeEntry(index: FolderIndex, directoryKey: string, childKey: string): void {
  const name = childKey.slice(childKey.lastIndexOf("/") + 1);
  const entries = index.directories.get(directoryKey);
  if (entries)
    index.directories.set(
      directoryKey,
      entries.filter((entry) => entry.name !== name),
    );
}

function ancestorsOf(index: FolderIndex, key: string): string[] {
  const ancestors: string[] = [];
  const segments = key === "" ? [] : key.split("/");
  for (let depth = 0; depth < segments.length; depth += 1) {
    const realPath = index.realPaths.get(segments.slice(0, depth).join("/"));
    if (realPath !== undefined) ancestors.push(realPath);
  }
  return ancestors;
}

export interface FolderChange {
  /** Files new to the index, or whose real path changed: key → real path. */
  added: [string, string][];
  removed: string[];
  skipped: Skipped[];
}

/**
 * Rescans only the directories at `keys` (not their subtrees), scanning new subdirectories
 * whole and dropping vanished ones: a change costs the size of the directories it touched.
 */
export async function updateDirectories(index: FolderIndex, keys: Iterable<string>): Promise<FolderChange> {
  const before = new Map(index.files);
  const skipped: Skipped[] = [];
  const done = new Set<string>();
  const ordered = [...new Set(keys)].sort((left, right) => depthOf(left) - depthOf(right));
  for (const key of ordered) {
    const realPath = index.realPaths.get(key);
    if (done.has(key) || realPath === undefined) continue;
    const scanned = await scanDirectory(index.context, key, realPath);
    const kept = new Set(scanned.children.map((child) => child.key));
    for (const entry of index.directories.get(key) ?? []) {
      const childKey = joinKey(key, entry.name);
      if (entry.kind === "file") index.files.delete(childKey);
      else if (!kept.has(childKey)) removeSubtree(index, childKey);
    }
    addDirectory(index, scanned, realPath);
    skipped.push(...scanned.skipped);
    done.add(key);
    for (const child of scanned.children) {
      if (index.directories.has(child.key)) continue;
      // As in a full build: a link to a directory that contains it would make the walk endless.
      if (ancestorsOf(index, child.key).includes(child.realPath)) {
        skipped.push({ relativePath: child.key, reason: "link-loop" });
        removeEntry(index, key, child.key);
        continue;
      }
      skipped.push(...(await scanTree(index, child.key, child.realPath)));
      for (const scannedKey of index.directories.keys()) if (isWithin(scannedKey, child.key)) done.add(scannedKey);
    }
  }
  const added = [...index.files].filter(([key, filePath]) => before.get(key) !== filePath);
  const removed = [...before.keys()].filter((key) => !index.files.has(key));
  return { added, removed, skipped };
}

function removeSubtree(index: FolderIndex, key: string): void {
  for (const directoryKey of [...index.directories.keys()]) {
    if (isWithin(directoryKey, key)) {
      index.directories.delete(directoryKey);
      index.realPaths.delete(directoryKey);
    }
  }
  for (const fileKey of [...index.files.keys()]) if (isWithin(fileKey, key)) index.files.delete(fileKey);
}

function isWithin(key: string, ancestor: string): boolean {
  return key === ancestor || key.startsWith(`${ancestor}/`);
}

function depthOf(key: string): number {
  return key === "" ? 0 : key.split("/").length;
}

/** Files the edge cannot hold (served locally; refused by deploy), with their sizes. */
export function filesOverEdgeLimit(index: FolderIndex): { key: string; size: number }[] {
  const found: { key: string; size: number }[] = [];
  for (const [directory, entries] of index.directories) {
    for (const entry of entries) {
      if (entry.kind === "file" && isOverEdgeLimit(entry)) found.push({ key: joinKey(directory, entry.name), size: entry.size });
    }
  }
  return found;
}
