import type { DirectoryEntry, Entry, FileEntry } from "../shared/manifest.js";
import type { ManifestIndex } from "./manifest-index.js";

export type Resolution =
  | { kind: "file"; segments: string[]; entry: FileEntry }
  | { kind: "too-large"; entry: FileEntry }
  | { kind: "add-slash"; segments: string[] }
  | { kind: "listing"; segments: string[]; entries: readonly Entry[] }
  | { kind: "missing" };

export interface ResolveInput {
  segments: string[];
  hasTrailingSlash: boolean;
  homePage: string[] | null;
}

const INDEX_PAGES = ["index.html", "index.htm"];

/**
 * The only map from a request path to the manifest (STYLE 2). The manifest is the allow-list:
 * a path the folder walk never produced is "missing", whatever the disk holds.
 */
export function resolveRequestPath(input: ResolveInput, manifest: ManifestIndex): Resolution {
  const { segments, hasTrailingSlash, homePage } = input;
  if (segments.length === 0 && homePage) {
    const home = findEntry(homePage, manifest);
    if (home?.kind === "file") return fileResolution(homePage, home);
  }
  const entry = segments.length === 0 ? ROOT : findEntry(segments, manifest);
  if (entry === undefined) return { kind: "missing" };
  if (entry.kind === "file") {
    // A file asked with a trailing slash is not that file (python answers 404 too).
    return hasTrailingSlash ? { kind: "missing" } : fileResolution(segments, entry);
  }
  if (!hasTrailingSlash && segments.length > 0) return { kind: "add-slash", segments };
  const directory = manifest.getDirectory(segments);
  if (directory === undefined) return { kind: "missing" };
  for (const name of INDEX_PAGES) {
    const index = directory.byName.get(name);
    if (index?.kind === "file") return fileResolution([...segments, name], index);
  }
  return { kind: "listing", segments, entries: directory.entries };
}

const ROOT: DirectoryEntry = { kind: "directory", name: "", mtimeMs: 0 };

function findEntry(segments: readonly string[], manifest: ManifestIndex): Entry | undefined {
  const parent = manifest.getDirectory(segments.slice(0, -1));
  const name = segments[segments.length - 1];
  return name === undefined ? undefined : parent?.byName.get(name);
}

function fileResolution(segments: string[], entry: FileEntry): Resolution {
  return entry.isServable ? { kind: "file", segments, entry } : { kind: "too-large", entry };
}
