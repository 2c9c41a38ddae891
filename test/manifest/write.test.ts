import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  addAssetLinks,
  linkAssets,
  linkFolderOf,
  removeAssetLinks,
  renderManifestData,
  renderManifestModule,
  writeManifestModule,
} from "../../src/manifest/write.js";
import { ASSET_PREFIX } from "../../src/shared/assets-layout.js";
import type { Entry } from "../../src/shared/manifest.js";
import { makeTempFolder, type TempFolder } from "../helpers/folder.js";

/** The manifest module and the folder of links, written into a real temporary work folder. */
let work: TempFolder;
beforeEach(() => {
  work = makeTempFolder("edgeserve-work-");
});
afterEach(() => work.remove());

const file = (name: string, extra: Partial<Entry> = {}): Entry =>
  ({ kind: "file", name, size: 3, mtimeMs: 1000, contentType: "text/plain", ...extra }) as Entry;

describe("renderManifestData", () => {
  it("writes each directory's entries as one JSON string, in natural name order", () => {
    const data = renderManifestData(
      new Map<string, Entry[]>([
        ["", [file("file10.txt"), { kind: "directory", name: "docs", mtimeMs: 5 }, file("file2.txt"), file("File1.txt")]],
        ["docs", []],
      ]),
    );
    expect(Object.keys(data)).toEqual(["", "docs"]);
    expect(JSON.parse(data[""] ?? "")).toEqual([
      ["docs", -1, 5, ""],
      ["File1.txt", 3, 1000, "text/plain"],
      ["file2.txt", 3, 1000, "text/plain"],
      ["file10.txt", 3, 1000, "text/plain"],
    ]);
    expect(data.docs).toBe("[]");
  });

  it("does not reorder the index's own entry lists", () => {
    const entries = [file("b"), file("a")];
    renderManifestData(new Map([["", entries]]));
    expect(entries.map((entry) => entry.name)).toEqual(["b", "a"]);
  });
});

describe("writeManifestModule", () => {
  it("writes a module exporting the directories, leaving no temporary file beside it", async () => {
    const directories = { "": '[["a.txt",3,1000,"text/plain"]]', docs: "[]" };
    const target = work.at("manifest.js");
    await writeManifestModule(target, directories);
    const module = (await import(`${pathToFileURL(target).href}?${Date.now()}`)) as { directories: unknown };
    expect(module.directories).toEqual(directories);
    expect(readdirSync(work.root)).toEqual(["manifest.js"]);
  });

  it("replaces a module already there", async () => {
    await writeManifestModule(work.at("manifest.js"), { "": "[]" });
    await writeManifestModule(work.at("manifest.js"), { "": "[]", docs: "[]" });
    expect(readFileSync(work.at("manifest.js"), "utf8")).toBe(renderManifestModule({ "": "[]", docs: "[]" }));
  });
});

describe("renderManifestModule", () => {
  it("is one export line that any JavaScript engine can evaluate", () => {
    expect(renderManifestModule({ "": "[]", 'a "b"': "[]" })).toBe('export const directories = {"":"[]","a \\"b\\"":"[]"};\n');
  });
});

describe("the folder of links", () => {
  it(`lives in the assets folder's "${ASSET_PREFIX}" folder`, () => {
    expect(linkFolderOf("/work/assets")).toBe(path.join("/work/assets", ASSET_PREFIX));
  });

  it("links every allowed file at its key, parents made as needed", () => {
    const source = makeTempFolder();
    try {
      source.write({ "index.html": "home", "docs/deep/guide.md": "guide", "docs/a.txt": "a" });
      const assets = work.at("assets");
      linkAssets(
        assets,
        new Map([
          ["index.html", source.at("index.html")],
          ["docs/deep/guide.md", source.at("docs/deep/guide.md")],
          ["docs/a.txt", source.at("docs/a.txt")],
        ]),
      );
      const links = linkFolderOf(assets);
      expect(readlinkSync(path.join(links, "index.html"))).toBe(source.at("index.html"));
      expect(readFileSync(path.join(links, "docs", "deep", "guide.md"), "utf8")).toBe("guide");
      expect(readFileSync(path.join(links, "docs", "a.txt"), "utf8")).toBe("a");
    } finally {
      source.remove();
    }
  });

  it("makes the folder of links even when there is no file to link", () => {
    linkAssets(work.at("assets"), new Map());
    expect(readdirSync(linkFolderOf(work.at("assets")))).toEqual([]);
  });

  it("replaces a link on a live change and adds new ones in new directories", () => {
    work.write({ "old.txt": "old", "new.txt": "new" });
    const assets = work.at("assets");
    linkAssets(assets, new Map([["page.txt", work.at("old.txt")]]));
    addAssetLinks(assets, [
      ["page.txt", work.at("new.txt")],
      ["added/deep/x.txt", work.at("new.txt")],
    ]);
    expect(readlinkSync(path.join(linkFolderOf(assets), "page.txt"))).toBe(work.at("new.txt"));
    expect(readlinkSync(path.join(linkFolderOf(assets), "added", "deep", "x.txt"))).toBe(work.at("new.txt"));
  });

  it("removes links, a whole directory of them, and shrugs at one already gone", async () => {
    work.write({ "t.txt": "t" });
    const assets = work.at("assets");
    linkAssets(
      assets,
      new Map([
        ["a.txt", work.at("t.txt")],
        ["docs/b.txt", work.at("t.txt")],
        ["keep.txt", work.at("t.txt")],
      ]),
    );
    await removeAssetLinks(assets, ["a.txt", "docs", "never-there.txt"]);
    expect(readdirSync(linkFolderOf(assets))).toEqual(["keep.txt"]);
    expect(lstatSync(path.join(linkFolderOf(assets), "keep.txt")).isSymbolicLink()).toBe(true);
    expect(existsSync(work.at("t.txt"))).toBe(true);
  });
});
