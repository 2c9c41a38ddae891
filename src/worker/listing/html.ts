import { html, raw } from "hono/html";
import { formatSize } from "../../shared/format.js";
import { MAX_EDGE_FILE_BYTES } from "../../shared/manifest.js";
import { type Markup, renderPage } from "../pages/layout.js";
import { formatModified, type Listing, type ListingEntry, type SortKey } from "./model.js";
import { LISTING_SCRIPT } from "./script.js";

const OVER_LIMIT_TITLE = `Served here, but over the ${formatSize(MAX_EDGE_FILE_BYTES)} a file may be on the edge: edgeserve deploy refuses it`;

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: "name", label: "Name" },
  { key: "size", label: "Size" },
  { key: "modified", label: "Modified (UTC)" },
];

// Rows are most of a 10,000-entry page, so they carry no classes per cell and leave out the
// optional </td> and </tr> end tags (HTML § 13.1.2.4); layout.ts styles columns by position.
export function renderListingHtml(listing: Listing): Markup {
  const { totals } = listing;
  const body = html`<nav aria-label="Breadcrumbs"><h1>Index of ${renderBreadcrumbs(listing)}</h1></nav>
<input type="search" id="filter" placeholder="Filter (press /)" aria-label="Filter entries" aria-keyshortcuts="/" autocomplete="off" hidden>
<p class="summary">${describeTotals(totals)}<span id="shown" aria-live="polite"></span></p>
<table>
<thead><tr>${COLUMNS.map((column) => renderHeader(listing, column))}</tr></thead>
<tbody>
${
  listing.parentHref === null
    ? ""
    : html`<tr class=up><td><a href="${listing.parentHref}">Parent directory</a><td><td>
`
}${listing.entries.map(renderRow)}</tbody>
</table>
<p id="none" class="muted" hidden>No entries match the filter.</p>`;
  return renderPage({ title: `Index of ${listing.path}`, body, script: LISTING_SCRIPT });
}

/**
 * "/docs/guide/" as links to "/", "/docs/" and "/docs/guide/", the last marked as the current page.
 * The root's "/" is one character, so it gets a box of its own (layout.ts: a.root) and a name.
 */
function renderBreadcrumbs({ breadcrumbs }: Listing): Markup[] {
  return breadcrumbs.map((crumb, index) => {
    const current = index === breadcrumbs.length - 1 ? raw(' aria-current="page"') : "";
    if (index === 0)
      return html`<a class=root href="${crumb.href}" title="The top of the served folder" aria-label="Top folder"${current}>${crumb.name}</a>`;
    return html`<a href="${crumb.href}"${current}>${crumb.name}</a>/`;
  });
}

/** "3 directories, 1 file, 20 KiB in total"; no directory count when there are none. */
export function describeTotals(totals: Listing["totals"]): string {
  const directories = totals.directories === 0 ? "" : `${plural(totals.directories, "directory", "directories")}, `;
  return `${directories}${plural(totals.files, "file", "files")}, ${formatSize(totals.bytes)} in total`;
}

/** A header links to its own sort: ascending first, descending when already ascending. */
function renderHeader(listing: Listing, column: (typeof COLUMNS)[number]): Markup {
  const isCurrent = listing.sort.key === column.key;
  if (!isCurrent) return html`<th scope=col><a href="?sort=${column.key}&amp;order=asc">${column.label}</a></th>`;
  const isAscending = listing.sort.order === "asc";
  return html`<th scope=col aria-sort="${isAscending ? "ascending" : "descending"}"><a href="?sort=${column.key}&amp;order=${isAscending ? "desc" : "asc"}">${column.label} <span aria-hidden="true">${isAscending ? "▲" : "▼"}</span></a></th>`;
}

function renderRow(entry: ListingEntry): Markup {
  const modified = formatModified(entry.mtimeMs);
  if (entry.kind === "directory")
    return html`<tr class=d><td><a href="${entry.href}">${entry.name}/</a><td>—<td>${modified}
`;
  const size = entry.size ?? 0;
  const name = entry.isOverEdgeLimit
    ? html`<a href="${entry.href}">${entry.name}</a> <span class=big title="${OVER_LIMIT_TITLE}">(over the edge's limit)</span>`
    : html`<a href="${entry.href}">${entry.name}</a>`;
  return html`<tr><td>${name}<td title="${size.toLocaleString("en")} bytes">${formatSize(size)}<td>${modified}
`;
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString("en")} ${count === 1 ? one : many}`;
}
