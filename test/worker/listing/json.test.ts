import { describe, expect, it } from "vitest";
import type { Entry } from "../../../src/shared/manifest.js";
import { renderListingJson } from "../../../src/worker/listing/json.js";
import { buildListing, type Listing, parseSort } from "../../../src/worker/listing/model.js";

const MTIME = Date.UTC(2026, 10, 25, 22, 46, 30, 123);
const DIGEST = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

const file = (name: string, size: number): Entry => ({ kind: "file", name, size, mtimeMs: MTIME, contentType: "text/plain" });
const directory = (name: string): Entry => ({ kind: "directory", name, mtimeMs: MTIME });

const ENTRIES: Entry[] = [file("file10.txt", 300), file("File2.txt", 100), directory("sub"), file("a.txt", 200)];

describe("renderListingJson", () => {
  it("gives the documented shape: path, then name, type, size and ISO mtime per entry", () => {
    expect(renderListingJson(buildListing(["docs"], [directory("sub"), file("a.txt", 5)], parseSort(null, null)))).toEqual({
      path: "/docs/",
      entries: [
        { name: "sub", type: "directory", size: null, mtime: "2026-11-25T22:46:30.123Z" },
        { name: "a.txt", type: "file", size: 5, mtime: "2026-11-25T22:46:30.123Z" },
      ],
    });
  });

  it.each([
    [null, null, ["sub", "a.txt", "File2.txt", "file10.txt"]],
    ["name", "desc", ["sub", "file10.txt", "File2.txt", "a.txt"]],
    ["size", "asc", ["sub", "File2.txt", "a.txt", "file10.txt"]],
    ["size", "desc", ["sub", "file10.txt", "a.txt", "File2.txt"]],
  ])("honours sort=%s order=%s like the HTML does, directories first", (key, order, names) => {
    const json = renderListingJson(buildListing([], ENTRIES, parseSort(key, order)));
    expect(json.entries.map((entry) => entry.name)).toEqual(names);
  });

  it.each(["<script>alert(1)</script>", `"quoted" & 'single'`, "naïve café 日本", "a b#c?d%25e"])(
    "carries the name %j verbatim, unescaped, through JSON.stringify",
    (name) => {
      const text = JSON.stringify(renderListingJson(buildListing([], [file(name, 1)], parseSort(null, null))));
      expect((JSON.parse(text) as { entries: { name: string }[] }).entries[0]?.name).toBe(name);
    },
  );

  it("adds sha256 to a file whose listing entry has a digest, and to no other entry", () => {
    const listing = buildListing([], [file("a.txt", 0), file("b.txt", 1), directory("sub")], parseSort(null, null));
    const withDigest: Listing = {
      ...listing,
      entries: listing.entries.map((entry) => (entry.name === "a.txt" ? { ...entry, sha256: DIGEST } : entry)),
    };
    const entries = renderListingJson(withDigest).entries;
    expect(entries.find((entry) => entry.name === "a.txt")).toEqual({
      name: "a.txt",
      type: "file",
      size: 0,
      mtime: "2026-11-25T22:46:30.123Z",
      sha256: DIGEST,
    });
    expect(entries.filter((entry) => "sha256" in entry).map((entry) => entry.name)).toEqual(["a.txt"]);
  });
});
