import { html } from "hono/html";
import { renderPage, type Markup } from "../pages/layout.js";
import { formatSize } from "../../shared/format.js";
import { formatModified, type Listing, type ListingEntry, type SortKey } from "./model.js";

const COLUMNS: { key: SortKey; label: string; className: string }[] = [
  { key: "name", label: "Name", className: "name" },
  { key: "size", label: "Size", className: "size" },
  { key: "modified", label: "Modified (UTC)", className: "modified" },
];

// Progressive enhancement: the page works without it. "/" focuses the filter, arrows move
// between rows, Enter opens. Constant text; it reads names from the DOM, never from a template.
const SCRIPT = `(()=>{const f=document.getElementById("filter"),rows=[...document.querySelectorAll("tbody tr")];let i=-1;
const shown=()=>rows.filter(r=>!r.hidden);const pick=n=>{rows.forEach(r=>r.classList.remove("selected"));const s=shown();if(!s.length){i=-1;return}i=(n+s.length)%s.length;s[i].classList.add("selected");s[i].scrollIntoView({block:"nearest"})};
f.hidden=false;f.addEventListener("input",()=>{const q=f.value.toLowerCase();rows.forEach(r=>{r.hidden=!r.dataset.name.toLowerCase().includes(q)});i=-1;pick(0);document.getElementById("shown").textContent=q?shown().length+" shown":""});
document.addEventListener("keydown",e=>{if(e.key==="/"&&document.activeElement!==f){e.preventDefault();f.focus();f.select()}else if(e.key==="ArrowDown"){e.preventDefault();pick(i+1)}else if(e.key==="ArrowUp"){e.preventDefault();pick(i-1)}else if(e.key==="Enter"&&i>=0){const a=shown()[i]?.querySelector("a");if(a){e.preventDefault();a.click()}}else if(e.key==="Escape"&&document.activeElement===f){f.value="";f.dispatchEvent(new Event("input"));f.blur()}});})();`;

export function renderListingHtml(listing: Listing, nonce: string): Markup {
  const { totals } = listing;
  const body = html`<nav class="crumbs" aria-label="Breadcrumbs">${listing.breadcrumbs.map(
    (crumb, index) => html`${index > 1 ? "/" : ""}<a href="${crumb.href}">${crumb.name}</a>`,
  )}</nav>
<h1>Index of ${listing.path}</h1>
<input type="search" id="filter" placeholder="Filter (press /)" aria-label="Filter entries" hidden>
<p class="summary">${plural(totals.directories, "directory", "directories")}, ${plural(totals.files, "file", "files")}, ${formatSize(totals.bytes)} <span id="shown"></span></p>
<table>
<thead><tr>${COLUMNS.map((column) => renderHeader(listing, column))}</tr></thead>
<tbody>
${listing.parentHref === null ? "" : html`<tr data-name=".."><td class="name"><span class="marker" aria-hidden="true">↩</span><a href="${listing.parentHref}">Parent directory</a></td><td class="size"></td><td class="modified"></td></tr>`}
${listing.entries.map(renderRow)}
</tbody>
</table>`;
  return renderPage({ title: `Index of ${listing.path}`, nonce, body, script: SCRIPT });
}

function renderHeader(listing: Listing, column: (typeof COLUMNS)[number]) {
  const isCurrent = listing.sort.key === column.key;
  const nextOrder = isCurrent && listing.sort.order === "asc" ? "desc" : "asc";
  const ariaSort = isCurrent ? (listing.sort.order === "asc" ? "ascending" : "descending") : "none";
  const arrow = isCurrent ? (listing.sort.order === "asc" ? " ▲" : " ▼") : "";
  return html`<th class="${column.className}" scope="col" aria-sort="${ariaSort}"><a href="?sort=${column.key}&amp;order=${nextOrder}">${column.label}${arrow}</a></th>`;
}

function renderRow(entry: ListingEntry) {
  const isDirectory = entry.kind === "directory";
  const name = isDirectory ? `${entry.name}/` : entry.name;
  const size =
    entry.size === null
      ? html`<span class="muted">—</span>`
      : html`<span title="${entry.size.toLocaleString("en")} bytes">${formatSize(entry.size)}</span>`;
  const link = entry.isServable
    ? html`<a href="${entry.href}">${name}</a>`
    : html`<span class="too-large" title="Over the Workers runtime's 25 MiB per-file limit">${name} (too large to serve)</span>`;
  return html`<tr data-name="${entry.name}"><td class="name"><span class="marker" aria-hidden="true">${isDirectory ? "📁" : "📄"}</span>${link}</td><td class="size">${size}</td><td class="modified"><time datetime="${new Date(entry.mtimeMs).toISOString()}">${formatModified(entry.mtimeMs)}</time></td></tr>
`;
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString("en")} ${count === 1 ? one : many}`;
}
