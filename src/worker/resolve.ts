import type { DirectoryEntry, Entry, FileEntry } from "../shared/manifest.js";
import type { ManifestIndex } from "./manifest-index.js";

export type Resolution =
  | { kind: "file"; segments: string[]; entry: FileEntry }
  | { kind: "add-slash"; segments: string[] }
  | { kind: "listing"; segments: string[]; entries: readonly Entry[] }
  | { kind: "missing"; notFoundPage: FileEntry | null };

export interface ResolveInput {
  segments: string[];
  hasTrailingSlash: boolean;
  homePage: string[] | null;
}

const INDEX_PAGES = ["index.html", "index.htm"];
/** A page of this name at the root answers every 404 (as on Cloudflare Pages, serve and Caddy). */
export const NOT_FOUND_PAGE = "404.html";

/**
 * The only map from a request path to the manifest. The manifest is the allow-list:
 * a path the folder walk never produced is "missing", whatever the disk holds.
 */
export function resolveRequestPath(input: ResolveInput, manifest: ManifestIndex): Resolution {
  const { segments, hasTrailingSlash, homePage } = input;
  // "%2F" decodes to a "/" inside one segment: no name on disk has one, and joining segments
  // into a manifest key must not let it reach a deeper file under a second URL.
  if (segments.some((segment) => segment.includes("/"))) return missing(manifest);
  if (segments.length === 0 && homePage) {
    const home = findEntry(homePage, manifest);
    if (home?.kind === "file") return { kind: "file", segments: homePage, entry: home };
  }
  const entry = segments.length === 0 ? ROOT : findEntry(segments, manifest);
  if (entry === undefined) return missing(manifest);
  if (entry.kind === "file") {
    // A file asked with a trailing slash is not that file (python answers 404 too).
    return hasTrailingSlash ? missing(manifest) : { kind: "file", segments, entry };
  }
  if (!hasTrailingSlash && segments.length > 0) return { kind: "add-slash", segments };
  const directory = manifest.getDirectory(segments);
  if (directory === undefined) return missing(manifest);
  for (const name of INDEX_PAGES) {
    const index = directory.byName.get(name);
    if (index?.kind === "file") return { kind: "file", segments: [...segments, name], entry: index };
  }
  return { kind: "listing", segments, entries: directory.entries };
}

const ROOT: DirectoryEntry = { kind: "directory", name: "", mtimeMs: 0 };

function findEntry(segments: readonly string[], manifest: ManifestIndex): Entry | undefined {
  const parent = manifest.getDirectory(segments.slice(0, -1));
  const name = segments[segments.length - 1];
  return name === undefined ? undefined : parent?.byName.get(name);
}

function missing(manifest: ManifestIndex): Resolution {
  const page = manifest.getDirectory([])?.byName.get(NOT_FOUND_PAGE);
  return { kind: "missing", notFoundPage: page?.kind === "file" ? page : null };
}
