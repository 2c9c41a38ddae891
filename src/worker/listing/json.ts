import type { Listing, ListingEntry } from "./model.js";

export type ListingJsonEntry =
  | { name: string; type: "directory"; size: null; mtime: string }
  /** `sha256` only when the manifest was built with digests: lets users check a download. */
  | { name: string; type: "file"; size: number; mtime: string; sha256?: string };

/** The documented JSON shape of a listing (README, "HTTP behaviour"), in the listing's sort order. */
export interface ListingJson {
  path: string;
  entries: ListingJsonEntry[];
}

export function renderListingJson(listing: Listing): ListingJson {
  return { path: listing.path, entries: listing.entries.map(renderEntry) };
}

function renderEntry(entry: ListingEntry): ListingJsonEntry {
  const mtime = new Date(entry.mtimeMs).toISOString();
  if (entry.kind === "directory") return { name: entry.name, type: "directory", size: null, mtime };
  const file: ListingJsonEntry = { name: entry.name, type: "file", size: entry.size ?? 0, mtime };
  if (entry.sha256 !== undefined) file.sha256 = entry.sha256;
  return file;
}
