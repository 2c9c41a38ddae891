import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatSize } from "../../../src/shared/format.js";
import { type Entry, MAX_EDGE_FILE_BYTES } from "../../../src/shared/manifest.js";
import { compareNames } from "../../../src/shared/sort.js";
import { buildBreadcrumbs, buildListing, DEFAULT_SORT, formatModified, parseSort, type Sort } from "../../../src/worker/listing/model.js";

const file = (name: string, size: number, mtimeMs: number): Entry => ({
  kind: "file",
  name,
  size,
  mtimeMs,
  contentType: "application/octet-stream",
});
const directory = (name: string, mtimeMs: number): Entry => ({ kind: "directory", name, mtimeMs });

const ENTRIES: Entry[] = [
  file("file10.txt", 300, 3000),
  file("File2.txt", 100, 1000),
  directory("zeta", 500),
  file("file1.txt", 200, 2000),
  directory("Alpha", 9000),
  file("big.bin", 100, 5000),
  directory("beta10", 100),
  directory("beta9", 700),
];

const names = (sort: Sort) => buildListing([], ENTRIES, sort).entries.map((entry) => entry.name);

describe("parseSort", () => {
  it.each<[string | null, string | null, Sort]>([
    [null, null, DEFAULT_SORT],
    ["name", "asc", { key: "name", order: "asc" }],
    ["size", null, { key: "size", order: "asc" }],
    ["modified", "desc", { key: "modified", order: "desc" }],
    ["size", "desc", { key: "size", order: "desc" }],
    ["SIZE", "DESC", { key: "name", order: "asc" }],
    ["mtime", "down", { key: "name", order: "asc" }],
    ["", "", { key: "name", order: "asc" }],
    ["__proto__", "constructor", { key: "name", order: "asc" }],
  ])("reads ?sort=%j&order=%j as %j", (key, order, expected) => {
    expect(parseSort(key, order)).toEqual(expected);
  });
});

describe("buildListing sort order", () => {
  it.each<[Sort, string[]]>([
    [{ key: "name", order: "asc" }, ["Alpha", "beta9", "beta10", "zeta", "big.bin", "file1.txt", "File2.txt", "file10.txt"]],
    [{ key: "name", order: "desc" }, ["zeta", "beta10", "beta9", "Alpha", "file10.txt", "File2.txt", "file1.txt", "big.bin"]],
    [{ key: "size", order: "asc" }, ["Alpha", "beta9", "beta10", "zeta", "big.bin", "File2.txt", "file1.txt", "file10.txt"]],
    [{ key: "size", order: "desc" }, ["zeta", "beta10", "beta9", "Alpha", "file10.txt", "file1.txt", "File2.txt", "big.bin"]],
    [{ key: "modified", order: "asc" }, ["beta10", "zeta", "beta9", "Alpha", "File2.txt", "file1.txt", "file10.txt", "big.bin"]],
    [{ key: "modified", order: "desc" }, ["Alpha", "beta9", "zeta", "beta10", "big.bin", "file10.txt", "file1.txt", "File2.txt"]],
  ])("orders by %j with directories first", (sort, expected) => {
    expect(names(sort)).toEqual(expected);
  });

  it("puts directories before files for every sort key and order, whatever the input order", () => {
    const entry = fc.oneof(
      fc
        .record({ name: fc.string({ minLength: 1, maxLength: 6 }), size: fc.nat(1000), mtimeMs: fc.nat(1000) })
        .map((value) => file(value.name, value.size, value.mtimeMs)),
      fc
        .record({ name: fc.string({ minLength: 1, maxLength: 6 }), mtimeMs: fc.nat(1000) })
        .map((value) => directory(value.name, value.mtimeMs)),
    );
    const sort = fc.record({
      key: fc.constantFrom("name", "size", "modified"),
      order: fc.constantFrom("asc", "desc"),
    }) as fc.Arbitrary<Sort>;
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 20 }), sort, (entries, chosen) => {
        const kinds = buildListing([], entries, chosen).entries.map((listed) => listed.kind);
        const firstFile = kinds.indexOf("file");
        if (firstFile >= 0) expect(kinds.slice(firstFile)).not.toContain("directory");
      }),
      { numRuns: 1000 },
    );
  });
});

describe("buildListing", () => {
  it("describes the root with no parent and totals over files only", () => {
    const listing = buildListing([], ENTRIES, DEFAULT_SORT);
    expect(listing.path).toBe("/");
    expect(listing.parentHref).toBeNull();
    expect(listing.totals).toEqual({ directories: 4, files: 4, bytes: 700 });
    expect(listing.sort).toEqual(DEFAULT_SORT);
  });

  it("gives directories a null size and a trailing-slash href, and marks files over the edge's limit", () => {
    const listing = buildListing([], [...ENTRIES, file("huge.iso", MAX_EDGE_FILE_BYTES + 1, 0)], DEFAULT_SORT);
    expect(listing.entries.find((entry) => entry.name === "zeta")).toMatchObject({
      kind: "directory",
      size: null,
      href: "zeta/",
      isOverEdgeLimit: false,
    });
    expect(listing.entries.find((entry) => entry.name === "big.bin")).toMatchObject({
      kind: "file",
      size: 100,
      href: "big.bin",
      isOverEdgeLimit: false,
    });
    expect(listing.entries.find((entry) => entry.name === "huge.iso")).toMatchObject({
      kind: "file",
      href: "huge.iso",
      isOverEdgeLimit: true,
    });
  });

  it.each([
    ["a b.txt", "a%20b.txt"],
    ["100%.txt", "100%25.txt"],
    ["javascript:alert(1)", "javascript%3Aalert(1)"],
    ["?x#y", "%3Fx%23y"],
    ['"><img src=x>', "%22%3E%3Cimg%20src%3Dx%3E"],
    ["日本.txt", "%E6%97%A5%E6%9C%AC.txt"],
  ])("encodes the file name %j as the relative href %j", (name, href) => {
    expect(buildListing([], [file(name, 1, 0)], DEFAULT_SORT).entries[0]?.href).toBe(href);
  });

  it("keeps the decoded path and points the parent at the encoded parent directory", () => {
    const listing = buildListing(["photos", "a b", "c/d"], [], DEFAULT_SORT);
    expect(listing.path).toBe("/photos/a b/c/d/");
    expect(listing.parentHref).toBe("/photos/a%20b/");
    expect(buildListing(["photos"], [], DEFAULT_SORT).parentHref).toBe("/");
  });

  it("lists an empty directory with zero totals", () => {
    expect(buildListing(["empty"], [], DEFAULT_SORT)).toMatchObject({ entries: [], totals: { directories: 0, files: 0, bytes: 0 } });
  });
});

describe("buildBreadcrumbs", () => {
  it.each<[string[], Array<{ name: string; href: string }>]>([
    [[], [{ name: "/", href: "/" }]],
    [
      ["a"],
      [
        { name: "/", href: "/" },
        { name: "a", href: "/a/" },
      ],
    ],
    [
      ["a b", "c/d", "é?#"],
      [
        { name: "/", href: "/" },
        { name: "a b", href: "/a%20b/" },
        { name: "c/d", href: "/a%20b/c%2Fd/" },
        { name: "é?#", href: "/a%20b/c%2Fd/%C3%A9%3F%23/" },
      ],
    ],
    [
      ["..", "%2e"],
      [
        { name: "/", href: "/" },
        { name: "..", href: "/../" },
        { name: "%2e", href: "/../%252e/" },
      ],
    ],
  ])("builds crumbs for %j, each href encoded per segment", (segments, expected) => {
    expect(buildBreadcrumbs(segments)).toEqual(expected);
  });
});

describe("formatModified", () => {
  it.each([
    [0, "1970-01-01 00:00"],
    [Date.UTC(2026, 10, 25, 22, 46, 59, 999), "2026-11-25 22:46"],
    [Date.UTC(1999, 11, 31, 23, 59), "1999-12-31 23:59"],
  ])("formats %i as %j in UTC to the minute", (mtimeMs, expected) => {
    expect(formatModified(mtimeMs)).toBe(expected);
  });
});

describe("compareNames", () => {
  it.each([
    ["file2", "file10"],
    ["file9.txt", "file10.txt"],
    ["a", "B"],
    ["apple", "Banana"],
    ["A", "a"],
    ["x1", "x01a"],
    ["", "a"],
  ])("sorts %j before %j", (left, right) => {
    expect(compareNames(left, right)).toBeLessThan(0);
    expect(compareNames(right, left)).toBeGreaterThan(0);
  });

  it("is a total order: zero only for equal names, antisymmetric, and transitive", () => {
    const name = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("a", "A", "a1", "a01", "a10", "a2", "é", "e", "E", "ß", "ss"));
    fc.assert(
      fc.property(name, name, name, (a, b, c) => {
        expect(compareNames(a, b) === 0).toBe(a === b);
        expect(Math.sign(compareNames(a, b)) + Math.sign(compareNames(b, a))).toBe(0);
        if (compareNames(a, b) < 0 && compareNames(b, c) < 0) expect(compareNames(a, c)).toBeLessThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("formatSize", () => {
  it.each([
    [0, "0 B"],
    [1, "1 B"],
    [1023, "1023 B"],
    [1024, "1.0 KiB"],
    [1536, "1.5 KiB"],
    [10 * 1024, "10 KiB"],
    [20 * 1024 * 1024, "20 MiB"],
    [5 * 1024 ** 3, "5.0 GiB"],
    [2048 * 1024 ** 4, "2048 TiB"],
    // Rounding must not show a value a larger unit would: 10239 B is "10 KiB", not "10.0 KiB",
    // and 1048575 B is "1.0 MiB", not "1024 KiB".
    [10239, "10 KiB"],
    [1024 * 1024 - 1, "1.0 MiB"],
  ])("formats %i bytes as %j", (bytes, expected) => {
    expect(formatSize(bytes)).toBe(expected);
  });
});
