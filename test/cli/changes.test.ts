import { describe, expect, it } from "vitest";
import { listChangedPaths, MAX_CHANGED_PATHS } from "../../src/cli/changes.js";
import type { EntryRecord, ManifestDirectories } from "../../src/shared/manifest.js";

const file = (name: string, size = 1, mtimeMs = 1, contentType = "text/plain"): EntryRecord => [name, size, mtimeMs, contentType];
const directory = (name: string, mtimeMs = 1): EntryRecord => [name, -1, mtimeMs, ""];
const manifest = (directories: Record<string, EntryRecord[]>): ManifestDirectories =>
  Object.fromEntries(Object.entries(directories).map(([key, records]) => [key, JSON.stringify(records)]));

describe("listChangedPaths", () => {
  const before = manifest({ "": [directory("css"), file("index.html")], css: [file("site.css"), file("print.css")] });

  it.each<[string, Record<string, EntryRecord[]>, string[]]>([
    ["nothing", { "": [directory("css"), file("index.html")], css: [file("site.css"), file("print.css")] }, []],
    ["an edit (size)", { "": [directory("css"), file("index.html", 2)], css: [file("site.css"), file("print.css")] }, ["index.html"]],
    [
      "an edit (mtime only)",
      { "": [directory("css"), file("index.html")], css: [file("site.css", 1, 9), file("print.css")] },
      ["css/site.css"],
    ],
    [
      "a new type",
      { "": [directory("css"), file("index.html", 1, 1, "text/html")], css: [file("site.css"), file("print.css")] },
      ["index.html"],
    ],
    ["a file added", { "": [directory("css"), file("index.html"), file("a.js")], css: [file("site.css"), file("print.css")] }, ["a.js"]],
    ["a file removed", { "": [directory("css"), file("index.html")], css: [file("site.css")] }, ["css/print.css"]],
    [
      "a stylesheet saved by rename (the directory's mtime moves)",
      { "": [directory("css", 5), file("index.html")], css: [file("site.css", 1, 5), file("print.css")] },
      ["css/site.css"],
    ],
    ["a directory removed with its files", { "": [file("index.html")] }, ["css/", "css/site.css", "css/print.css"]],
    [
      "a directory added",
      { "": [directory("css"), directory("img"), file("index.html")], css: [file("site.css"), file("print.css")], img: [file("a.png")] },
      ["img/", "img/a.png"],
    ],
  ])("names %s", (_, after, changed) => {
    expect(listChangedPaths(before, manifest(after)).sort()).toEqual(changed.sort());
  });

  it("keeps every path that is no stylesheet when there are too many to name", () => {
    const many = Array.from({ length: MAX_CHANGED_PATHS + 5 }, (_, index) => file(`s${index}.css`));
    const changed = listChangedPaths(manifest({ "": [] }), manifest({ "": [...many, file("z.html")] }));
    expect(changed).toHaveLength(MAX_CHANGED_PATHS);
    expect(changed[0]).toBe("z.html");
  });
});
