import { type Entry, isOverEdgeLimit } from "../../shared/manifest.js";
import { encodePath } from "../../shared/paths.js";
import { compareNames } from "../../shared/sort.js";

export type SortKey = "name" | "size" | "modified";
export type SortOrder = "asc" | "desc";

export interface Sort {
  key: SortKey;
  order: SortOrder;
}

export interface ListingEntry {
  name: string;
  href: string;
  kind: Entry["kind"];
  /** Bytes for files, null for directories. */
  size: number | null;
  mtimeMs: number;
  /** Served here, but too large for the edge: `edgeserve deploy` refuses it. */
  isOverEdgeLimit: boolean;
  /** Present when the CLI ran with --digests: lets users check a download. */
  sha256?: string;
}

export interface Breadcrumb {
  name: string;
  href: string;
}

export interface Listing {
  /** Decoded path of the directory, "/" first and last: "/photos/2024/". */
  path: string;
  breadcrumbs: Breadcrumb[];
  parentHref: string | null;
  entries: ListingEntry[];
  totals: { directories: number; files: number; bytes: number };
  sort: Sort;
}

export const DEFAULT_SORT: Sort = { key: "name", order: "asc" };

/** `?sort=` and `?order=` to a Sort; anything unknown falls back to the default. */
export function parseSort(key: string | null, order: string | null): Sort {
  const sortKey: SortKey = key === "size" || key === "modified" ? key : "name";
  const sortOrder: SortOrder = order === "desc" ? "desc" : "asc";
  return { key: sortKey, order: sortOrder };
}

function compareEntries(left: ListingEntry, right: ListingEntry, sort: Sort): number {
  // Directories first whatever the order, as in Caddy's browse and Finder.
  if (left.kind !== right.kind) return left.kind === "directory" ? -1 : 1;
  const direction = sort.order === "asc" ? 1 : -1;
  const byKey = sort.key === "size" ? (left.size ?? 0) - (right.size ?? 0) : sort.key === "modified" ? left.mtimeMs - right.mtimeMs : 0;
  return direction * (byKey || compareNames(left.name, right.name));
}

export function buildListing(segments: readonly string[], entries: readonly Entry[], sort: Sort): Listing {
  const listed = entries.map((entry): ListingEntry => {
    const isDirectory = entry.kind === "directory";
    return {
      name: entry.name,
      href: encodeURIComponent(entry.name) + (isDirectory ? "/" : ""),
      kind: entry.kind,
      size: isDirectory ? null : entry.size,
      mtimeMs: entry.mtimeMs,
      isOverEdgeLimit: isOverEdgeLimit(entry),
      ...(entry.kind === "file" && entry.sha256 !== undefined ? { sha256: entry.sha256 } : {}),
    };
  });
  listed.sort((left, right) => compareEntries(left, right, sort));
  const files = listed.filter((entry) => entry.kind === "file");
  return {
    path: segments.length === 0 ? "/" : `/${segments.join("/")}/`,
    breadcrumbs: buildBreadcrumbs(segments),
    parentHref: segments.length === 0 ? null : encodePath(segments.slice(0, -1), true),
    entries: listed,
    totals: {
      directories: listed.length - files.length,
      files: files.length,
      bytes: files.reduce((sum, entry) => sum + (entry.size ?? 0), 0),
    },
    sort,
  };
}

export function buildBreadcrumbs(segments: readonly string[]): Breadcrumb[] {
  const crumbs: Breadcrumb[] = [{ name: "/", href: "/" }];
  segments.forEach((name, index) => {
    crumbs.push({ name, href: encodePath(segments.slice(0, index + 1), true) });
  });
  return crumbs;
}

/** ISO-8601 UTC to the minute for the table: "2026-11-25 22:46". */
export function formatModified(mtimeMs: number): string {
  return new Date(mtimeMs).toISOString().slice(0, 16).replace("T", " ");
}
