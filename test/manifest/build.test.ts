import { createHash } from "node:crypto";
import { renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildFolderIndex, createScanContext, type FolderIndex, filesOverEdgeLimit, updateDirectories } from "../../src/manifest/build.js";
import { type Entry, MAX_EDGE_FILE_BYTES } from "../../src/shared/manifest.js";
import { makeTempFolder, type TempFolder } from "../helpers/folder.js";

/** The folder index on real temporary folders: no file system is faked. */
let folder: TempFolder;
beforeEach(() => {
  folder = makeTempFolder();
});
afterEach(() => folder.remove());

const SITE = {
  "index.html": "<h1>home</h1>",
  "docs/guide.md": "# guide",
  "docs/img/logo.png": "png",
  "docsx/other.txt": "not below docs",
  "empty/": null,
};

/**
 * What a reader of the index sees, in a stable order, so two indexes can be compared whole. A
 * directory's own mtime in its parent's entries is left out: the watcher names only the directory
 * that changed (src/cli/watch.ts), so that time is refreshed when the parent itself is rescanned.
 */
function viewOf(index: FolderIndex) {
  const withoutDirectoryTime = (entry: Entry) => (entry.kind === "directory" ? { kind: entry.kind, name: entry.name } : entry);
  const byName = (left: Entry, right: Entry) => left.name.localeCompare(right.name);
  return {
    directories: Object.fromEntries(
      [...index.directories]
        .sort(([left], [right]) => left.localeCompare(right))
        .map(([key, entries]) => [key, [...entries].sort(byName).map(withoutDirectoryTime)]),
    ),
    files: Object.fromEntries([...index.files].sort(([left], [right]) => left.localeCompare(right))),
    realPaths: Object.fromEntries([...index.realPaths].sort(([left], [right]) => left.localeCompare(right))),
  };
}

const namesIn = (index: FolderIndex, key: string) =>
  index.directories
    .get(key)
    ?.map((entry) => entry.name)
    .sort();

describe("buildFolderIndex", () => {
  it("indexes every directory and file, each file with its real path", async () => {
    folder.write(SITE);
    const index = await buildFolderIndex(folder.root);
    expect([...index.directories.keys()].sort()).toEqual(["", "docs", "docs/img", "docsx", "empty"]);
    expect(namesIn(index, "")).toEqual(["docs", "docsx", "empty", "index.html"]);
    expect(namesIn(index, "docs")).toEqual(["guide.md", "img"]);
    expect(viewOf(index).files).toEqual({
      "docs/guide.md": folder.at("docs/guide.md"),
      "docs/img/logo.png": folder.at("docs/img/logo.png"),
      "docsx/other.txt": folder.at("docsx/other.txt"),
      "index.html": folder.at("index.html"),
    });
    expect(index.realPaths.get("docs/img")).toBe(folder.at("docs/img"));
    expect(index.skipped).toEqual([]);
  });

  it("follows a link to a directory inside the folder under the link's own name", async () => {
    folder.write(SITE);
    symlinkSync(folder.at("docs"), folder.at("manual"));
    const index = await buildFolderIndex(folder.root);
    expect(index.files.get("manual/guide.md")).toBe(folder.at("docs/guide.md"));
    expect(index.files.get("manual/img/logo.png")).toBe(folder.at("docs/img/logo.png"));
    expect(index.realPaths.get("manual")).toBe(folder.at("docs"));
  });

  it("refuses a link to a directory that contains it, and leaves it out of its parent", async () => {
    folder.write({ "a/b/c.txt": "c" });
    symlinkSync(folder.at("a"), folder.at("a/b/up"));
    const index = await buildFolderIndex(folder.root);
    expect(index.skipped).toEqual([{ relativePath: "a/b/up", reason: "link-loop" }]);
    expect(namesIn(index, "a/b")).toEqual(["c.txt"]);
    expect(index.directories.has("a/b/up")).toBe(false);
  });

  it("allows the same directory twice through links that are not loops", async () => {
    folder.write({ "shared/x.txt": "x", "a/": null, "b/": null });
    symlinkSync(folder.at("shared"), folder.at("a/link"));
    symlinkSync(folder.at("shared"), folder.at("b/link"));
    const index = await buildFolderIndex(folder.root);
    expect(index.skipped).toEqual([]);
    expect([index.files.get("a/link/x.txt"), index.files.get("b/link/x.txt")]).toEqual([
      folder.at("shared/x.txt"),
      folder.at("shared/x.txt"),
    ]);
  });

  it("reports progress after each level with the number of files seen so far", async () => {
    folder.write({ "one.txt": "1", "a/two.txt": "2", "a/three.txt": "3", "a/b/four.txt": "4" });
    const seen: number[] = [];
    await buildFolderIndex(folder.root, { onProgress: (files) => seen.push(files) });
    expect(seen).toEqual([1, 3, 4]);
  });

  it.each([
    [{ withDigests: true }, createHash("sha256").update("# guide").digest("hex")],
    [{ withDigests: false }, undefined],
    [{}, undefined],
  ])("gives each file a SHA-256 only when asked (%j)", async (options, expected) => {
    folder.write(SITE);
    const index = await buildFolderIndex(folder.root, options);
    const guide = index.directories.get("docs")?.find((entry) => entry.name === "guide.md");
    expect(guide?.kind === "file" ? guide.sha256 : "not a file").toBe(expected);
  });

  it("leaves out what the root's .assetsignore names", async () => {
    folder.write({ ...SITE, ".assetsignore": "*.md\nimg/\n" });
    const index = await buildFolderIndex(folder.root);
    expect(index.files.has("docs/guide.md")).toBe(false);
    expect(index.directories.has("docs/img")).toBe(false);
    expect(index.files.has("index.html")).toBe(true);
  });
});

describe("createScanContext", () => {
  it("judges paths against the root's real path when the root is given through a link", async () => {
    folder.write(SITE);
    symlinkSync(folder.root, folder.at(`../${folder.root.split("/").pop()}-link`));
    const context = await createScanContext(`${folder.root}-link`);
    rmSync(`${folder.root}-link`);
    expect(context.rootRealPath).toBe(folder.root);
    expect(context.withDigests).toBe(false);
  });

  it("reads the root's .assetsignore, and ignores nothing without one", async () => {
    folder.write({ ".assetsignore": "*.log\n" });
    expect((await createScanContext(folder.root)).isIgnored("a.log", false)).toBe(true);
    rmSync(folder.at(".assetsignore"));
    expect((await createScanContext(folder.root, true)).isIgnored("a.log", false)).toBe(false);
  });
});

/** Each change is made on disk after the first build; `keys` are the directories a watcher would name. */
const CHANGES: { change: string; keys: string[]; apply: (folder: TempFolder) => void; added: string[]; removed: string[] }[] = [
  { change: "a file added", keys: ["docs"], apply: (f) => f.write({ "docs/new.txt": "new" }), added: ["docs/new.txt"], removed: [] },
  { change: "a file removed", keys: ["docs"], apply: (f) => rmSync(f.at("docs/guide.md")), added: [], removed: ["docs/guide.md"] },
  {
    change: "a file renamed",
    keys: ["docs"],
    apply: (f) => renameSync(f.at("docs/guide.md"), f.at("docs/manual.md")),
    added: ["docs/manual.md"],
    removed: ["docs/guide.md"],
  },
  {
    change: "a file rewritten in place",
    keys: ["docs"],
    apply: (f) => writeFileSync(f.at("docs/guide.md"), "# longer guide"),
    added: [],
    removed: [],
  },
  {
    change: "a directory added two levels deep",
    keys: [""],
    apply: (f) => f.write({ "new/a.txt": "a", "new/deeper/b.txt": "b" }),
    added: ["new/a.txt", "new/deeper/b.txt"],
    removed: [],
  },
  {
    change: "a directory removed with its subtree",
    keys: [""],
    apply: (f) => rmSync(f.at("docs"), { recursive: true }),
    added: [],
    removed: ["docs/guide.md", "docs/img/logo.png"],
  },
  {
    change: "a removed directory named before its parent",
    keys: ["docs/img", "docs"],
    apply: (f) => rmSync(f.at("docs/img"), { recursive: true }),
    added: [],
    removed: ["docs/img/logo.png"],
  },
  {
    change: "a directory renamed",
    keys: [""],
    apply: (f) => renameSync(f.at("docs"), f.at("manual")),
    added: ["manual/guide.md", "manual/img/logo.png"],
    removed: ["docs/guide.md", "docs/img/logo.png"],
  },
  {
    change: "a link to a directory added",
    keys: [""],
    apply: (f) => symlinkSync(f.at("docs"), f.at("alias")),
    added: ["alias/guide.md", "alias/img/logo.png"],
    removed: [],
  },
  {
    change: "a file replaced by a link to another file",
    keys: [""],
    apply: (f) => {
      rmSync(f.at("index.html"));
      symlinkSync(f.at("docs/guide.md"), f.at("index.html"));
    },
    added: ["index.html"],
    removed: [],
  },
  {
    change: "a file replaced by a directory of the same name",
    keys: [""],
    apply: (f) => {
      rmSync(f.at("index.html"));
      f.write({ "index.html/inner.txt": "inner" });
    },
    added: ["index.html/inner.txt"],
    removed: ["index.html"],
  },
  {
    change: "a directory replaced by a file of the same name",
    keys: [""],
    apply: (f) => {
      rmSync(f.at("docs"), { recursive: true });
      f.write({ docs: "now a file" });
    },
    added: ["docs"],
    removed: ["docs/guide.md", "docs/img/logo.png"],
  },
  {
    change: "a removed top-level directory named before the root",
    keys: ["docs", ""],
    apply: (f) => rmSync(f.at("docs"), { recursive: true }),
    added: [],
    removed: ["docs/guide.md", "docs/img/logo.png"],
  },
  {
    change: "a new directory at the root and a file added to a sibling, named together",
    keys: ["", "docsx"],
    apply: (f) => f.write({ "new/a.txt": "a", "docsx/b.txt": "b" }),
    added: ["docsx/b.txt", "new/a.txt"],
    removed: [],
  },
  {
    change: "a directory emptied",
    keys: ["docsx"],
    apply: (f) => rmSync(f.at("docsx/other.txt")),
    added: [],
    removed: ["docsx/other.txt"],
  },
  { change: "nothing, under a key the index does not know", keys: ["nope", "docs/nope"], apply: () => {}, added: [], removed: [] },
];

describe("updateDirectories", () => {
  it.each(CHANGES)(
    "after $change, leaves the index as a fresh build would and names what changed",
    async ({ keys, apply, added, removed }) => {
      folder.write(SITE);
      const index = await buildFolderIndex(folder.root);
      apply(folder);
      const change = await updateDirectories(index, keys);
      expect(viewOf(index)).toEqual(viewOf(await buildFolderIndex(folder.root)));
      expect(change.added.map(([key]) => key).sort()).toEqual(added);
      expect(change.removed.sort()).toEqual(removed);
      expect(change.skipped).toEqual([]);
    },
  );

  it("names each added file with the real path it is read from", async () => {
    folder.write(SITE);
    const index = await buildFolderIndex(folder.root);
    symlinkSync(folder.at("docs/guide.md"), folder.at("guide-link.md"));
    const change = await updateDirectories(index, [""]);
    expect(change.added).toEqual([["guide-link.md", folder.at("docs/guide.md")]]);
  });

  // Known bug, kept red on purpose: a new child of a rescanned directory is not checked against
  // its ancestors (only its own children are), so the link is indexed as a view of "a" and the
  // loop is found one level deeper, at "a/b/up/b". Drop `.fails` with the fix in build.ts.
  it("refuses a new link to a directory that contains it, as a fresh build does", async () => {
    folder.write({ "a/b/c.txt": "c" });
    const index = await buildFolderIndex(folder.root);
    symlinkSync(folder.at("a"), folder.at("a/b/up"));
    const change = await updateDirectories(index, ["a/b"]);
    expect(change.skipped).toEqual([{ relativePath: "a/b/up", reason: "link-loop" }]);
    expect(viewOf(index)).toEqual(viewOf(await buildFolderIndex(folder.root)));
  });

  it("refuses a link below a new directory that points back at its ancestor", async () => {
    folder.write({ "a/c.txt": "c" });
    const index = await buildFolderIndex(folder.root);
    folder.write({ "a/new/": null });
    symlinkSync(folder.at("a"), folder.at("a/new/up"));
    const change = await updateDirectories(index, ["a"]);
    expect(change.skipped).toEqual([{ relativePath: "a/new/up", reason: "link-loop" }]);
    expect(viewOf(index)).toEqual(viewOf(await buildFolderIndex(folder.root)));
  });

  it.each([[["", "new"]], [["new", ""]], [["", "new/deeper"]], [["", "", "new/deeper", "new"]]])(
    "reports a skipped entry in a new directory once, for the keys %j",
    async (keys) => {
      folder.write(SITE);
      const index = await buildFolderIndex(folder.root);
      folder.write({ "new/deeper/": null });
      symlinkSync(folder.at("nowhere"), folder.at("new/deeper/broken"));
      const change = await updateDirectories(index, keys);
      expect(change.skipped).toEqual([{ relativePath: "new/deeper/broken", reason: "dangling-link" }]);
    },
  );

  it("does not rescan an unchanged subdirectory when its parent changes", async () => {
    folder.write(SITE);
    symlinkSync(folder.at("nowhere"), folder.at("docs/broken"));
    const index = await buildFolderIndex(folder.root);
    expect(index.skipped).toEqual([{ relativePath: "docs/broken", reason: "dangling-link" }]);
    folder.write({ "top.txt": "top" });
    const change = await updateDirectories(index, [""]);
    expect(change).toEqual({ added: [["top.txt", folder.at("top.txt")]], removed: [], skipped: [] });
  });

  it("reports what a rescanned directory skips", async () => {
    folder.write(SITE);
    const index = await buildFolderIndex(folder.root);
    symlinkSync("/", folder.at("docs/escape"));
    const change = await updateDirectories(index, ["docs"]);
    expect(change.skipped).toEqual([{ relativePath: "docs/escape", reason: "link-outside" }]);
  });
});

describe("filesOverEdgeLimit", () => {
  it("names each file over the edge's per-file limit with its size, and no file at the limit", async () => {
    folder.write({ "big/over.bin": "", "at-limit.bin": "", "small.txt": "small" });
    truncateSync(folder.at("big/over.bin"), MAX_EDGE_FILE_BYTES + 1);
    truncateSync(folder.at("at-limit.bin"), MAX_EDGE_FILE_BYTES);
    const index = await buildFolderIndex(folder.root);
    expect(filesOverEdgeLimit(index)).toEqual([{ key: "big/over.bin", size: MAX_EDGE_FILE_BYTES + 1 }]);
  });
});
