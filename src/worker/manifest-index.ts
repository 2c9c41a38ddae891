import { decodeEntry, type Entry, type EntryRecord } from "../shared/manifest.js";

export interface DirectoryView {
  entries: readonly Entry[];
  byName: ReadonlyMap<string, Entry>;
}

export interface ManifestIndex {
  /** The directory at `segments`, or undefined when the manifest has no such directory. */
  getDirectory(segments: readonly string[]): DirectoryView | undefined;
}

/**
 * Parses each directory's JSON string on first use and keeps the result: module evaluation
 * stays O(1) however large the folder (docs/runtime-facts.md, "Worker start-up").
 */
export function createManifestIndex(directories: Readonly<Record<string, string>>): ManifestIndex {
  const parsed = new Map<string, DirectoryView>();
  return {
    getDirectory(segments) {
      const key = segments.join("/");
      const cached = parsed.get(key);
      if (cached) return cached;
      if (!Object.hasOwn(directories, key)) return undefined;
      const records = JSON.parse(directories[key] as string) as EntryRecord[];
      const entries = records.map(decodeEntry);
      const view = { entries, byName: new Map(entries.map((entry) => [entry.name, entry])) };
      parsed.set(key, view);
      return view;
    },
  };
}
