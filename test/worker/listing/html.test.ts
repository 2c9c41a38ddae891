import { describe, expect, it } from "vitest";
import type { Entry, FileEntry } from "../../../src/shared/manifest.js";
import { describeTotals, renderListingHtml } from "../../../src/worker/listing/html.js";
import { buildListing, type Listing, parseSort } from "../../../src/worker/listing/model.js";
import { contentSecurityPolicy } from "../../../src/worker/pages/layout.js";

const MTIME = Date.UTC(2026, 10, 25, 22, 46, 30);

const file = (name: string, size = 10): FileEntry => ({ kind: "file", name, size, mtimeMs: MTIME, contentType: "text/plain" });
const directory = (name: string): Entry => ({ kind: "directory", name, mtimeMs: MTIME });

async function render(listing: Listing): Promise<string> {
  return (await renderListingHtml(listing)).toString();
}

interface ParsedElement {
  tag: string;
  attributes: [string, string][];
}

/** Parses with workerd's HTMLRewriter, so assertions see elements and attributes, not substrings; values unescaped. */
async function parseElements(page: string): Promise<ParsedElement[]> {
  const elements: ParsedElement[] = [];
  const rewriter = new HTMLRewriter().on("*", {
    element(element) {
      elements.push({
        tag: element.tagName,
        attributes: [...element.attributes].map(([name = "", value = ""]): [string, string] => [name, unescapeHtml(value)]),
      });
    },
  });
  await rewriter.transform(new Response(page)).text();
  return elements;
}

function attributeValues(elements: readonly ParsedElement[], tag: string, attribute: string): string[] {
  return elements
    .filter((element) => element.tag === tag)
    .flatMap((element) => element.attributes.filter(([name]) => name === attribute).map(([, value]) => value));
}

/** Undoes hono/html's escaping (utils/html.ts escapeRe): & < > " '. */
function unescapeHtml(text: string): string {
  return text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&amp;", "&");
}

function rowNames(page: string): string[] {
  const tbody = page.slice(page.indexOf("<tbody>"), page.indexOf("</tbody>"));
  return [...tbody.matchAll(/<tr[^>]*><td>(?:<a href="[^"]*">|<span[^>]*>)([^<]*)</g)].map((match) => unescapeHtml(match[1] ?? ""));
}

const HOSTILE_NAMES = [
  "<script>alert(1)</script>.txt",
  `"><img src=x onerror=alert(1)>`,
  'it\'s "quoted".txt',
  "Tom & Jerry &amp; co.txt",
  "naïve café ü 日本.txt",
  "a b#c?d%25e.txt",
  "</textarea></script><!--",
];

describe("renderListingHtml", () => {
  it.each(HOSTILE_NAMES)("escapes the name %j in text and encodes it in the href", async (name) => {
    const page = await render(buildListing([], [file(name)], parseSort(null, null)));
    expect(rowNames(page)).toEqual([name]);
    const elements = await parseElements(page);
    expect(attributeValues(elements, "a", "href")).toContain(encodeURIComponent(name));
    expect(elements.filter((element) => element.tag === "script")).toHaveLength(1);
    expect(elements.some((element) => element.tag === "img")).toBe(false);
  });

  it.each(HOSTILE_NAMES)("escapes the directory name %j in breadcrumbs and the title", async (name) => {
    const page = await render(buildListing(["top", name], [], parseSort(null, null)));
    const hrefs = attributeValues(await parseElements(page), "a", "href");
    expect(hrefs).toContain(`/top/${encodeURIComponent(name)}/`);
    expect(hrefs).toContain("/top/");
    const title = /<title>([^<]*)<\/title>/.exec(page)?.[1] ?? "";
    expect(unescapeHtml(title)).toBe(`Index of /top/${name}/`);
  });

  it("renders no inline event handler and no style attribute, whatever the names", async () => {
    const names = HOSTILE_NAMES.concat([`x" onclick="alert(1)`, "onload=alert(1)"]);
    const listing = buildListing(["sub"], [...names.map((name) => file(name)), directory(`d" onfocus="x`)], parseSort(null, null));
    const attributes = (await parseElements(await render(listing))).flatMap((element) => element.attributes.map(([name]) => name));
    expect(attributes.filter((name) => name.startsWith("on") || name === "style")).toEqual([]);
  });

  it("has one style and one script, each allowed by its SHA-256 in the page's policy", async () => {
    const page = await render(buildListing([], [file("a.txt")], parseSort(null, null)));
    const elements = await parseElements(page);
    expect(elements.filter((element) => element.tag === "style" || element.tag === "script")).toHaveLength(2);
    const policy = await contentSecurityPolicy();
    for (const tag of ["style", "script"]) {
      const text = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(page)?.[1] ?? "";
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
      expect(policy).toContain(`${tag}-src 'sha256-${btoa(String.fromCharCode(...digest))}'`);
    }
    expect(policy).toContain("default-src 'none'");
  });

  it("renders a table with column header cells, a parent row, directories first and a type class", async () => {
    const listing = buildListing(["docs"], [file("b.txt"), directory("zeta"), file("a.txt")], parseSort(null, null));
    const page = await render(listing);
    const elements = await parseElements(page);
    expect(attributeValues(elements, "th", "scope")).toEqual(["col", "col", "col"]);
    expect(rowNames(page)).toEqual(["Parent directory", "zeta/", "a.txt", "b.txt"]);
    expect(attributeValues(elements, "tr", "class")).toEqual(["up", "d"]);
    expect(attributeValues(elements, "a", "href")).toContain("/");
  });

  it("shows human sizes with exact bytes in a title, and ISO UTC dates", async () => {
    const page = await render(buildListing([], [file("big.bin", 1_536_000)], parseSort(null, null)));
    expect(page).toContain('<td title="1,536,000 bytes">1.5 MiB<td>2026-11-25 22:46');
  });

  it("summarises directories, files and total size", async () => {
    const listing = buildListing([], [directory("d"), file("a", 1024), file("b", 1024)], parseSort(null, null));
    expect(await render(listing)).toContain("1 directory, 2 files, 2.0 KiB in total");
  });

  it.each([
    [null, null, ["?sort=name&order=desc", "?sort=size&order=asc", "?sort=modified&order=asc"], "Name"],
    ["size", "asc", ["?sort=name&order=asc", "?sort=size&order=desc", "?sort=modified&order=asc"], "Size"],
    ["size", "desc", ["?sort=name&order=asc", "?sort=size&order=asc", "?sort=modified&order=asc"], "Size"],
    ["modified", "desc", ["?sort=name&order=asc", "?sort=size&order=asc", "?sort=modified&order=asc"], "Modified (UTC)"],
  ])("links each header to its next sort and marks the current one, for sort=%s order=%s", async (key, order, expected, current) => {
    const sort = parseSort(key, order);
    const page = await render(buildListing([], [file("a")], sort));
    const elements = await parseElements(page);
    const headerLinks = attributeValues(elements, "a", "href").filter((href) => href.startsWith("?"));
    expect(headerLinks).toEqual(expected);
    const sorted = elements.filter((element) => element.tag === "th" && element.attributes.some(([name]) => name === "aria-sort"));
    expect(sorted.map((element) => element.attributes.find(([name]) => name === "aria-sort")?.[1])).toEqual([
      sort.order === "asc" ? "ascending" : "descending",
    ]);
    expect(/<th[^>]*aria-sort[^>]*><a[^>]*>([^<]*) </.exec(page)?.[1]).toBe(current);
  });

  it("links a file over the edge's limit and marks it as such", async () => {
    const page = await render(buildListing([], [file("huge.iso", 30 * 1024 * 1024), file("small.txt")], parseSort(null, null)));
    expect(rowNames(page)).toEqual(["huge.iso", "small.txt"]);
    expect(attributeValues(await parseElements(page), "a", "href")).toContain("huge.iso");
    expect(page.match(/over the edge's limit/g)).toHaveLength(1);
  });

  it("keeps a 10,000-entry page under 90 bytes per row beyond the names", async () => {
    const entries = Array.from({ length: 10_000 }, (_, index) =>
      index % 10 === 0 ? directory(`folder-${index}`) : file(`file-${index}.txt`, index * 1000),
    );
    const page = await render(buildListing(["big"], entries, parseSort("size", "desc")));
    const nameBytes = entries.reduce((sum, entry) => sum + 2 * entry.name.length, 0);
    expect((new TextEncoder().encode(page).byteLength - nameBytes) / entries.length).toBeLessThan(90);
  });
});

describe("the listing's polish in the markup", () => {
  it.each<[{ directories: number; files: number; bytes: number }, string]>([
    [{ directories: 0, files: 0, bytes: 0 }, "0 files, 0 B in total"],
    [{ directories: 0, files: 1, bytes: 10 }, "1 file, 10 B in total"],
    [{ directories: 1, files: 2, bytes: 2048 }, "1 directory, 2 files, 2.0 KiB in total"],
    [{ directories: 2_000, files: 0, bytes: 0 }, "2,000 directories, 0 files, 0 B in total"],
  ])("sums up %j as %j", (totals, text) => {
    expect(describeTotals(totals)).toBe(text);
  });

  it("keeps the filter count in an element of its own after the summary, and a hidden no-match line", async () => {
    const page = await render(buildListing([], [file("a.txt")], parseSort(null, null)));
    expect(page).toContain('<p class="summary">1 file, 10 B in total<span id="shown" aria-live="polite"></span></p>');
    expect(page).toContain('<p id="none" class="muted" hidden>No entries match the filter.</p>');
  });

  it("gives the root breadcrumb a name and a box of its own", async () => {
    const page = await render(buildListing(["docs"], [file("a.txt")], parseSort(null, null)));
    expect(page).toContain(
      'Index of <a class=root href="/" title="The top of the served folder" aria-label="Top folder">/</a><a href="/docs/" aria-current="page">docs</a>/</h1>',
    );
  });
});
