import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Generated folders for the bench and the soak, cached in os.tmpdir() across runs.
 * Bump LAYOUT_VERSION whenever what a tree holds changes: old caches are then ignored.
 */
export const LAYOUT_VERSION = 1;
export const CACHE_ROOT = path.join(os.tmpdir(), "edgeserve-bench-cache");

/** Tree sizes in files; 95,000 stays under the 100,000 files wrangler's local server accepts. */
export const TREE_SIZES = { "1k": 1_000, "20k": 20_000, "95k": 95_000 };

/** The URL paths the load and the soak use; every tree holds all of them. */
export const PATHS = {
  home: "/",
  small: "/small.txt",
  medium: "/medium.bin",
  large: "/large.bin",
  listing: "/listing/",
  listingNoSlash: "/listing",
  deep: "/nested/a/b/c/deep.txt",
  spaced: "/names/with%20space.txt",
  unicode: "/names/%C3%BCn%C3%AFc%C3%B6d%C3%A9.txt",
  missing: "/no-such-file.txt",
  /** Only in trees of 20k files and more. */
  wide: "/wide/",
};

const LISTING_ENTRIES = 1_000;
const WIDE_ENTRIES = 10_000;
const FILES_PER_FILLER_FOLDER = 100;
const FILLER_FOLDERS_PER_GROUP = 10;

/** Returns the path of the tree with about `files` files, generating it once per layout version. */
export function ensureTree(label) {
  const target = TREE_SIZES[label];
  if (target === undefined) throw new Error(`unknown tree ${label}`);
  const directory = path.join(CACHE_ROOT, `v${LAYOUT_VERSION}`, `tree-${label}`);
  const tree = { label, directory, files: countFiles(target), hasWideListing: target - fixedFileCount() >= WIDE_ENTRIES };
  if (existsSync(directory)) return tree;
  const partial = `${directory}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  const started = performance.now();
  writeFixedFiles(partial);
  const fillerCount = target - fixedFileCount();
  if (tree.hasWideListing) writeWideListing(partial);
  writeFiller(partial, fillerCount - (tree.hasWideListing ? WIDE_ENTRIES : 0));
  renameSync(partial, directory);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`generated ${directory} (${tree.files} files) in ${seconds}s\n`);
  return tree;
}

function fixedFileCount() {
  return 9 + LISTING_ENTRIES;
}

function countFiles(target) {
  return Math.max(target, fixedFileCount());
}

function writeFixedFiles(root) {
  mkdirSync(path.join(root, "listing"), { recursive: true });
  mkdirSync(path.join(root, "names"));
  mkdirSync(path.join(root, "nested/a/b/c"), { recursive: true });
  writeFileSync(path.join(root, "index.html"), "<!doctype html><title>bench</title><p>edgeserve bench tree</p>\n");
  writeFileSync(path.join(root, "small.txt"), `${"x".repeat(1023)}\n`);
  writeFileSync(path.join(root, "medium.bin"), patternBytes(64 * 1024));
  writeFileSync(path.join(root, "large.bin"), patternBytes(1024 * 1024));
  writeFileSync(path.join(root, "nested/a/b/c/deep.txt"), "deep\n");
  writeFileSync(path.join(root, "names/with space.txt"), "space\n");
  writeFileSync(path.join(root, "names/ünïcödé.txt"), "unicode\n");
  writeFileSync(path.join(root, "names/a&b<c>.txt"), "markup\n");
  writeFileSync(path.join(root, "names/data.json"), '{"ok":true}\n');
  for (let index = 0; index < LISTING_ENTRIES; index += 1) {
    writeFileSync(path.join(root, "listing", `entry-${String(index).padStart(4, "0")}.txt`), `entry ${index}\n`);
  }
}

/** One folder of 10,000 files, whose listing must still be one response. */
function writeWideListing(root) {
  mkdirSync(path.join(root, "wide"));
  for (let index = 0; index < WIDE_ENTRIES; index += 1) {
    writeFileSync(path.join(root, "wide", `wide-${String(index).padStart(5, "0")}.txt`), `wide ${index}\n`);
  }
}

/** Filler: group-NN/folder-N/file-NN.txt, 100 files per folder so no listing is huge. */
function writeFiller(root, count) {
  for (let index = 0; index < count; index += 1) {
    const folderIndex = Math.floor(index / FILES_PER_FILLER_FOLDER);
    const folder = path.join(
      root,
      `group-${String(Math.floor(folderIndex / FILLER_FOLDERS_PER_GROUP)).padStart(3, "0")}`,
      `folder-${folderIndex % FILLER_FOLDERS_PER_GROUP}`,
    );
    if (index % FILES_PER_FILLER_FOLDER === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `file-${String(index % FILES_PER_FILLER_FOLDER).padStart(2, "0")}.txt`), `filler ${index}\n`);
  }
}

function patternBytes(size) {
  const bytes = Buffer.alloc(size);
  for (let index = 0; index < size; index += 1) bytes[index] = (index * 31 + 7) & 0xff;
  return bytes;
}
