import { html, raw } from "hono/html";
import { formatSize } from "../../shared/format.js";
import { renderPage, type Markup } from "../pages/layout.js";
import { formatModified, type Listing, type ListingEntry, type SortKey } from "./model.js";

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: "name", label: "Name" },
  { key: "size", label: "Size" },
  { key: "modified", label: "Modified (UTC)" },
];

// Progressive enhancement (issue 7): the page works without it. "/" focuses the filter, arrows
// move focus between row links, Enter opens (natively on a link; the first match from the
// filter). Constant text: it reads names from the DOM, never from a template.
const SCRIPT = `(()=>{
const filter=document.getElementById("filter"),shown=document.getElementById("shown");
const rows=[...document.querySelectorAll("tbody tr")];
const names=rows.map(row=>row.cells[0].firstElementChild.textContent.toLowerCase());
const apply=()=>{const query=filter.value.toLowerCase();let count=0;
rows.forEach((row,index)=>{row.hidden=query!==""&&(row.classList.contains("up")||!names[index].includes(query));if(!row.hidden)count++});
shown.textContent=query?count+" shown":""};
const links=()=>rows.filter(row=>!row.hidden).map(row=>row.querySelector("a")).filter(Boolean);
const move=step=>{const list=links(),next=list.indexOf(document.activeElement)+step;
if(next<0)filter.focus();else list[Math.min(next,list.length-1)]?.focus()};
filter.hidden=false;filter.addEventListener("input",apply);if(filter.value)apply();
document.addEventListener("keydown",event=>{if(event.altKey||event.ctrlKey||event.metaKey)return;
const inFilter=document.activeElement===filter;
if(event.key==="/"&&!inFilter){event.preventDefault();filter.focus();filter.select()}
else if(event.key==="ArrowDown"||event.key==="ArrowUp"){event.preventDefault();move(event.key==="ArrowDown"?1:-1)}
else if(event.key==="Enter"&&inFilter&&filter.value){links()[0]?.click()}
else if(event.key==="Escape"&&inFilter){filter.value="";apply();filter.blur()}});
})();`;

// Rows are most of a 10,000-entry page, so they carry no classes per cell and leave out the
// optional </td> and </tr> end tags (HTML § 13.1.2.4); layout.ts styles columns by position.
export function renderListingHtml(listing: Listing, nonce: string): Markup {
  const { totals } = listing;
  const body = html`<nav aria-label="Breadcrumbs"><h1>Index of ${renderBreadcrumbs(listing)}</h1></nav>
<input type="search" id="filter" placeholder="Filter (press /)" aria-label="Filter entries" aria-keyshortcuts="/" autocomplete="off" hidden>
<p class="summary">${plural(totals.directories, "directory", "directories")}, ${plural(totals.files, "file", "files")}, ${formatSize(totals.bytes)} in total <span id="shown" aria-live="polite"></span></p>
<table>
<thead><tr>${COLUMNS.map((column) => renderHeader(listing, column))}</tr></thead>
<tbody>
${listing.parentHref === null ? "" : html`<tr class=up><td><a href="${listing.parentHref}">Parent directory</a><td><td>
`}${listing.entries.map(renderRow)}</tbody>
</table>`;
  return renderPage({ title: `Index of ${listing.path}`, nonce, body, script: SCRIPT });
}

/** "/docs/guide/" as links to "/", "/docs/" and "/docs/guide/", the last marked as the current page. */
function renderBreadcrumbs({ breadcrumbs }: Listing): Markup[] {
  return breadcrumbs.map((crumb, index) => {
    const current = index === breadcrumbs.length - 1 ? raw(' aria-current="page"') : "";
    return html`<a href="${crumb.href}"${current}>${crumb.name}</a>${index === 0 ? "" : "/"}`;
  });
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
  if (entry.kind === "directory") return html`<tr class=d><td><a href="${entry.href}">${entry.name}/</a><td>—<td>${modified}
`;
  const size = entry.size ?? 0;
  const name = entry.isServable
    ? html`<a href="${entry.href}">${entry.name}</a>`
    : html`<span class=big title="Over the Workers runtime's 25 MiB per-file limit">${entry.name}</span> (too large to serve)`;
  return html`<tr><td>${name}<td title="${size.toLocaleString("en")} bytes">${formatSize(size)}<td>${modified}
`;
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString("en")} ${count === 1 ? one : many}`;
}
