import type { Listing } from "./model.js";

/** The documented JSON shape of a listing (README, "HTTP behaviour"). */
export interface ListingJson {
  path: string;
  entries: { name: string; type: "file" | "directory"; size: number | null; mtime: string }[];
}

export function renderListingJson(listing: Listing): ListingJson {
  return {
    path: listing.path,
    entries: listing.entries.map((entry) => ({
      name: entry.name,
      type: entry.kind,
      size: entry.size,
      mtime: new Date(entry.mtimeMs).toISOString(),
    })),
  };
}
