import { createHash } from "node:crypto";
import { statSync, symlinkSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createIgnoreRules } from "../../src/manifest/rules.js";
import { type ScanContext, type Skipped, scanDirectory } from "../../src/manifest/scan.js";
import { mkfifo } from "../e2e/fifo.js";
import { makeTempFolder, type TempFolder } from "../helpers/folder.js";

/** One directory of a real temporary folder at a time, as both the build and live updates scan it. */
let folder: TempFolder;
beforeEach(() => {
  folder = makeTempFolder();
});
afterEach(() => folder.remove());

function contextOf(options: { ignore?: string; withDigests?: boolean } = {}): ScanContext {
  return { rootRealPath: folder.root, isIgnored: createIgnoreRules(options.ignore ?? null), withDigests: options.withDigests ?? false };
}

async function scanRoot(options: { ignore?: string; withDigests?: boolean } = {}) {
  return scanDirectory(contextOf(options), "", folder.root);
}

const namesOf = (scanned: { entries: { name: string }[] }) => scanned.entries.map((entry) => entry.name).sort();

describe("scanDirectory", () => {
  it("lists a file with its size, time, content type and real path", async () => {
    folder.write({ "notes.txt": "hello" });
    const scanned = await scanRoot();
    expect(scanned.entries).toEqual([
      {
        kind: "file",
        name: "notes.txt",
        size: 5,
        mtimeMs: statSync(folder.at("notes.txt")).mtimeMs,
        contentType: "text/plain; charset=utf-8",
      },
    ]);
    expect([...scanned.files]).toEqual([["notes.txt", folder.at("notes.txt")]]);
    expect(scanned.children).toEqual([]);
    expect(scanned.skipped).toEqual([]);
  });

  it("lists a directory with its time and hands it on to be scanned, without descending", async () => {
    folder.write({ "docs/inner/deep.txt": "deep" });
    const scanned = await scanRoot();
    expect(scanned.entries).toEqual([{ kind: "directory", name: "docs", mtimeMs: statSync(folder.at("docs")).mtimeMs }]);
    expect(scanned.children).toEqual([{ key: "docs", realPath: folder.at("docs") }]);
    expect(scanned.files.size).toBe(0);
  });

  it("keys what it finds below the directory's own key", async () => {
    folder.write({ "docs/a.txt": "a", "docs/sub/": null });
    const scanned = await scanDirectory(contextOf(), "docs", folder.at("docs"));
    expect(scanned.key).toBe("docs");
    expect([...scanned.files.keys()]).toEqual(["docs/a.txt"]);
    expect(scanned.children.map((child) => child.key)).toEqual(["docs/sub"]);
  });

  it("leaves hidden names out without a word", async () => {
    folder.write({ ".env": "SECRET=1", ".git/config": "", "shown.txt": "" });
    const scanned = await scanRoot();
    expect(namesOf(scanned)).toEqual(["shown.txt"]);
    expect(scanned.skipped).toEqual([]);
  });

  it.each(["back\\slash.txt", "new\nline.txt", "tab\t.txt"])("skips the unsafe name %j and says so", async (name) => {
    folder.write({ [name]: "x" });
    const scanned = await scanRoot();
    expect(scanned.entries).toEqual([]);
    expect(scanned.skipped).toEqual([{ relativePath: name, reason: "unsafe-name" }]);
  });

  it("follows a link to a file inside the folder, under the link's name and with the target's real path", async () => {
    folder.write({ "docs/real.txt": "real" });
    symlinkSync(folder.at("docs/real.txt"), folder.at("alias.txt"));
    const scanned = await scanRoot();
    expect(scanned.entries.find((entry) => entry.name === "alias.txt")).toMatchObject({ kind: "file", size: 4 });
    expect(scanned.files.get("alias.txt")).toBe(folder.at("docs/real.txt"));
  });

  it("follows a link to a directory inside the folder, scanning the target next", async () => {
    folder.write({ "docs/real.txt": "real" });
    symlinkSync("docs", folder.at("manual"));
    const scanned = await scanRoot();
    expect(scanned.children).toContainEqual({ key: "manual", realPath: folder.at("docs") });
  });

  it.each<[string, (folder: TempFolder) => void, Skipped["reason"]]>([
    ["a link out of the folder", (f) => symlinkSync("/etc/hostname", f.at("link")), "link-outside"],
    ["a link to the folder's parent", (f) => symlinkSync("..", f.at("link")), "link-outside"],
    [
      "a link into a hidden directory",
      (f) => {
        f.write({ ".secret/key.txt": "k" });
        symlinkSync(f.at(".secret/key.txt"), f.at("link"));
      },
      "link-outside",
    ],
    [
      "a link to a hidden file",
      (f) => {
        f.write({ ".env": "k" });
        symlinkSync(".env", f.at("link"));
      },
      "link-outside",
    ],
    ["a dangling link", (f) => symlinkSync("nowhere", f.at("link")), "dangling-link"],
    ["a link to the folder itself", (f) => symlinkSync(".", f.at("link")), "link-loop"],
    ["a link that points at itself", (f) => symlinkSync("link", f.at("link")), "link-loop"],
    ["a named pipe", (f) => mkfifo(f.at("link")), "special-file"],
  ])("skips %s and says why", async (_case, make, reason) => {
    make(folder);
    const scanned = await scanRoot();
    expect(scanned.skipped).toEqual([{ relativePath: "link", reason }]);
    expect(namesOf(scanned)).not.toContain("link");
    expect(scanned.files.has("link")).toBe(false);
  });

  it("says a directory it cannot read is unreadable", async () => {
    const scanned = await scanDirectory(contextOf(), "gone", folder.at("gone"));
    expect(scanned).toMatchObject({ key: "gone", entries: [], skipped: [{ relativePath: "gone", reason: "unreadable" }] });
  });

  it("leaves out what .assetsignore names, telling files from directories", async () => {
    folder.write({ "build/out.js": "", "logs/": null, "a.log": "", "kept.txt": "" });
    const scanned = await scanRoot({ ignore: "build/\n*.log\n" });
    expect(namesOf(scanned)).toEqual(["kept.txt", "logs"]);
    expect(scanned.children.map((child) => child.key)).toEqual(["logs"]);
    expect(scanned.skipped).toEqual([]);
  });

  it("ignores a file named like an ignored directory only when the rule is for files too", async () => {
    folder.write({ build: "a file named build" });
    expect(namesOf(await scanRoot({ ignore: "build/\n" }))).toEqual(["build"]);
    expect(namesOf(await scanRoot({ ignore: "build\n" }))).toEqual([]);
  });

  it("ignores by the path from the root, not the bare name", async () => {
    folder.write({ "docs/draft.md": "", "draft.md": "" });
    const scanned = await scanDirectory(contextOf({ ignore: "/docs/draft.md\n" }), "docs", folder.at("docs"));
    expect(namesOf(scanned)).toEqual([]);
    expect(namesOf(await scanRoot({ ignore: "/docs/draft.md\n" }))).toEqual(["docs", "draft.md"]);
  });

  it.each([
    [true, createHash("sha256").update("digest me").digest("hex")],
    [false, undefined],
  ])("with digests %s, gives a file the SHA-256 of its bytes", async (withDigests, expected) => {
    folder.write({ "data.bin": "digest me" });
    const [entry] = (await scanRoot({ withDigests })).entries;
    expect(entry?.kind === "file" ? entry.sha256 : "not a file").toBe(expected);
  });
});
