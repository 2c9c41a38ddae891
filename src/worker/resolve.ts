import type { DirectoryEntry, Entry, FileEntry } from "../shared/manifest.js";
import { type PrecompressedSiblings, SIBLING_SUFFIXES } from "./encoding.js";
import type { ManifestIndex } from "./manifest-index.js";

export type Resolution =
  | { kind: "file"; segments: string[]; entry: FileEntry }
  | { kind: "add-slash"; segments: string[] }
  | { kind: "listing"; segments: string[]; entries: readonly Entry[] }
  | { kind: "missing"; notFoundPage: FileEntry | null }
  /** --clean-urls: `/about.html` is asked, `/about` is its address (segments without ".html"). */
  | { kind: "drop-html"; segments: string[] }
  /** --spa: the page answering a path that matches nothing (a greeting there still wins). */
  | { kind: "spa-page"; segments: string[]; entry: FileEntry };

export interface ResolveInput {
  segments: string[];
  hasTrailingSlash: boolean;
  homePage: string[] | null;
  /** --clean-urls; absent is off. */
  hasCleanUrls?: boolean;
  /** --spa PAGE as segments; absent or null is off. */
  spaPage?: string[] | null;
}

const INDEX_PAGES = ["index.html", "index.htm"];
const HTML = ".html";
/** A page of this name at the root answers every 404 (as on Cloudflare Pages, serve and Caddy). */
export const NOT_FOUND_PAGE = "404.html";

/**
 * The only map from a request path to the manifest. The manifest is the allow-list:
 * a path the folder walk never produced is "missing", whatever the disk holds.
 */
export function resolveRequestPath(input: ResolveInput, manifest: ManifestIndex): Resolution {
  // "%2F" decodes to a "/" inside one segment: no name on disk has one, and joining segments
  // into a manifest key must not let it reach a deeper file under a second URL.
  if (input.segments.some((segment) => segment.includes("/"))) return missing(manifest);
  const exact = resolveExactPath(input, manifest);
  if (input.hasCleanUrls) {
    const clean = resolveCleanUrl(input, exact, manifest);
    if (clean !== null) return clean;
  }
  if (exact.kind === "missing" && input.spaPage && !input.segments.at(-1)?.includes(".")) {
    const page = findEntry(input.spaPage, manifest);
    if (page?.kind === "file") return { kind: "spa-page", segments: input.spaPage, entry: page };
  }
  return exact;
}

/**
 * --clean-urls (README "Clean URLs"): `/about` is `about.html` when nothing is named `about`
 * (files and directories win), and `/about.html` moves there, unless something named `about`
 * would then answer instead. Index pages keep their own handling.
 */
function resolveCleanUrl({ segments, hasTrailingSlash }: ResolveInput, exact: Resolution, manifest: ManifestIndex): Resolution | null {
  const name = segments.at(-1);
  if (name === undefined || hasTrailingSlash) return null;
  const parent = segments.slice(0, -1);
  if (exact.kind === "missing") {
    const page = findEntry([...parent, `${name}${HTML}`], manifest);
    return page?.kind === "file" ? { kind: "file", segments: [...parent, page.name], entry: page } : null;
  }
  if (exact.kind !== "file" || !name.endsWith(HTML) || name === HTML || INDEX_PAGES.includes(name)) return null;
  const bare = [...parent, name.slice(0, -HTML.length)];
  return findEntry(bare, manifest) === undefined ? { kind: "drop-html", segments: bare } : null;
}

/** The copies of a manifest file its own directory holds precompressed (`NAME.br`, `NAME.gz`). */
export function findPrecompressedSiblings(segments: readonly string[], manifest: ManifestIndex): PrecompressedSiblings {
  const siblings: PrecompressedSiblings = {};
  for (const [coding, suffix] of Object.entries(SIBLING_SUFFIXES) as [keyof PrecompressedSiblings, string][]) {
    const file = [...segments.slice(0, -1), `${segments.at(-1)}${suffix}`];
    const entry = findEntry(file, manifest);
    if (entry?.kind === "file") siblings[coding] = { segments: file, entry };
  }
  return siblings;
}

function resolveExactPath(input: ResolveInput, manifest: ManifestIndex): Resolution {
  const { segments, hasTrailingSlash, homePage } = input;
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
