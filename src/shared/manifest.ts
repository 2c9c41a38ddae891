/**
 * The asset manifest: what the CLI found in the served folder, per directory, and the only
 * list of paths the worker will ever serve. Written by src/manifest, read by src/worker.
 *
 * On the wire it is a module exporting `directories`: one JSON string per directory (its path
 * relative to the root, "" for the root, no leading or trailing slash) holding EntryRecord[].
 * Strings are parsed on first use, so the worker's start-up stays small at 100k files
 * (PLATFORM.md: a 100k-entry object literal costs over a second to evaluate).
 */
export const MANIFEST_FORMAT = 1;

/** Largest file the Workers static-assets binding accepts (25 MiB). */
export const MAX_ASSET_BYTES = 25 * 1024 * 1024;

export type EntryKind = "file" | "directory";

export interface FileEntry {
  kind: "file";
  name: string;
  size: number;
  mtimeMs: number;
  contentType: string;
  /** False for files over MAX_ASSET_BYTES: listed, never served. */
  isServable: boolean;
  /** Lowercase hex SHA-256 of the bytes, when the manifest was built with digests. */
  sha256?: string;
}

export interface DirectoryEntry {
  kind: "directory";
  name: string;
  mtimeMs: number;
}

export type Entry = FileEntry | DirectoryEntry;

/**
 * Compact serialised entry. A directory has size -1 and no content type.
 * flags: bit 0 set = too large to serve.
 */
export type EntryRecord =
  | [name: string, size: number, mtimeMs: number, contentType: string, flags: number]
  | [name: string, size: number, mtimeMs: number, contentType: string, flags: number, sha256: string];

export const FLAG_TOO_LARGE = 1;

export interface ManifestData {
  format: number;
  directories: Record<string, string>;
}

export function encodeEntry(entry: Entry): EntryRecord {
  if (entry.kind === "directory") return [entry.name, -1, entry.mtimeMs, "", 0];
  const flags = entry.isServable ? 0 : FLAG_TOO_LARGE;
  const record: EntryRecord = [entry.name, entry.size, entry.mtimeMs, entry.contentType, flags];
  return entry.sha256 === undefined ? record : [...record, entry.sha256];
}

export function decodeEntry(record: EntryRecord): Entry {
  const [name, size, mtimeMs, contentType, flags] = record;
  if (size < 0) return { kind: "directory", name, mtimeMs };
  const entry: FileEntry = {
    kind: "file",
    name,
    size,
    mtimeMs,
    contentType,
    isServable: (flags & FLAG_TOO_LARGE) === 0,
  };
  if (record[5] !== undefined) entry.sha256 = record[5];
  return entry;
}

/** Joins a directory key and a child name into the child's key ("" is the root). */
export function joinKey(directory: string, name: string): string {
  return directory === "" ? name : `${directory}/${name}`;
}
