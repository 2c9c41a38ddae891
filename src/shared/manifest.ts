/**
 * The asset manifest: what the CLI found in the served folder, per directory, and the only
 * list of paths the worker will ever serve. Written by src/manifest, read by src/worker.
 *
 * On the wire it is a module exporting `directories`: one JSON string per directory (its path
 * relative to the root, "" for the root, no leading or trailing slash) holding EntryRecord[].
 * Strings are parsed on first use, so the worker's start-up stays small at 100k files
 * (docs/runtime-facts.md: a 100k-entry object literal costs over a second to evaluate).
 */

/**
 * Largest file a Workers static asset may be (25 MiB). The edge cannot hold a larger one; the
 * local disk binding serves any size, so such files are served locally and refused by deploy.
 */
export const MAX_EDGE_FILE_BYTES = 25 * 1024 * 1024;

export interface FileEntry {
  kind: "file";
  name: string;
  size: number;
  mtimeMs: number;
  contentType: string;
  /** Lowercase hex SHA-256 of the bytes, when the manifest was built with digests. */
  sha256?: string;
}

export interface DirectoryEntry {
  kind: "directory";
  name: string;
  mtimeMs: number;
}

export type Entry = FileEntry | DirectoryEntry;

/** Compact serialised entry. A directory has size -1 and no content type. */
export type EntryRecord =
  | [name: string, size: number, mtimeMs: number, contentType: string]
  | [name: string, size: number, mtimeMs: number, contentType: string, sha256: string];

/** Directory key → that directory's EntryRecord[] as a JSON string. */
export type ManifestDirectories = Record<string, string>;

/**
 * What the CLI pushes to a running worker: the directories that changed since generation `base`
 * (null: `changed` is the whole manifest), and the keys of directories that are gone. The worker
 * refuses a push whose base is not the generation it serves, and the CLI then sends it whole:
 * at 95,000 files the whole manifest is 6.4 MiB, a typical change a few KiB.
 */
export interface ManifestPush {
  generation: number;
  base: number | null;
  changed: ManifestDirectories;
  removed: string[];
  /** With --reload: the keys of the entries that changed (src/cli/changes.ts). */
  changedPaths?: string[];
}

/** `after` as changes to `before`. */
export function diffManifests(before: ManifestDirectories, after: ManifestDirectories): Pick<ManifestPush, "changed" | "removed"> {
  const changed: ManifestDirectories = {};
  for (const [key, text] of Object.entries(after)) if (before[key] !== text) changed[key] = text;
  return { changed, removed: Object.keys(before).filter((key) => !Object.hasOwn(after, key)) };
}

/** `push` applied to `before` (a new object; `before` is left as it was). */
export function applyManifestPush(
  before: ManifestDirectories,
  push: Pick<ManifestPush, "base" | "changed" | "removed">,
): ManifestDirectories {
  const after: ManifestDirectories = push.base === null ? { ...push.changed } : { ...before, ...push.changed };
  for (const key of push.removed) delete after[key];
  return after;
}

export function isOverEdgeLimit(entry: Entry): boolean {
  return entry.kind === "file" && entry.size > MAX_EDGE_FILE_BYTES;
}

export function encodeEntry(entry: Entry): EntryRecord {
  if (entry.kind === "directory") return [entry.name, -1, entry.mtimeMs, ""];
  const record: EntryRecord = [entry.name, entry.size, entry.mtimeMs, entry.contentType];
  return entry.sha256 === undefined ? record : [...record, entry.sha256];
}

export function decodeEntry(record: EntryRecord): Entry {
  const [name, size, mtimeMs, contentType, sha256] = record;
  if (size < 0) return { kind: "directory", name, mtimeMs };
  const entry: FileEntry = { kind: "file", name, size, mtimeMs, contentType };
  if (sha256 !== undefined) entry.sha256 = sha256;
  return entry;
}

/** Joins a directory key and a child name into the child's key ("" is the root). */
export function joinKey(directory: string, name: string): string {
  return directory === "" ? name : `${directory}/${name}`;
}
