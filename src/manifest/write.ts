import { mkdirSync, rmSync, symlinkSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { ASSET_PREFIX } from "../shared/assets-layout.js";
import { type Entry, encodeEntry, type ManifestDirectories } from "../shared/manifest.js";
import { compareNames } from "../shared/sort.js";

/**
 * The only writer. Everything goes into edgeserve's own work folder, never into the served one:
 * `manifest.js` (the module the worker imports) and `assets/f/…`, one symlink per allowed file.
 * The links are the only files either binding can reach: the static-assets binding and the
 * disk-directory service both follow symlinks, also out of their root (docs/runtime-facts.md),
 * so neither may ever be pointed at the served folder itself.
 */
export function renderManifestData(directories: ReadonlyMap<string, readonly Entry[]>): ManifestDirectories {
  const strings: ManifestDirectories = {};
  for (const [key, entries] of directories) {
    let text = rendered.get(entries);
    if (text === undefined) {
      const sorted = [...entries].sort((left, right) => compareNames(left.name, right.name));
      text = JSON.stringify(sorted.map(encodeEntry));
      rendered.set(entries, text);
    }
    strings[key] = text;
  }
  return strings;
}

// A rescan replaces a directory's entry list (src/manifest/build.ts never edits one in place), so
// a list seen before renders to the same string: a change costs the directories it touched.
const rendered = new WeakMap<readonly Entry[], string>();

export function renderManifestModule(directories: ManifestDirectories): string {
  return `export const directories = ${JSON.stringify(directories)};\n`;
}

/** Writes next to the target and renames, so a reader sees the old module or the new, never half. */
export async function writeManifestModule(file: string, directories: ManifestDirectories): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, renderManifestModule(directories));
  await rename(temporary, file);
}

/** The folder of links under a work folder's assets directory: the disk binding's root. */
export function linkFolderOf(assetsDirectory: string): string {
  return path.join(assetsDirectory, ASSET_PREFIX);
}

function linkPathOf(assetsDirectory: string, key: string): string {
  return path.join(linkFolderOf(assetsDirectory), ...key.split("/"));
}

/** Links every allowed file into a new, empty assets folder. */
export function linkAssets(assetsDirectory: string, files: ReadonlyMap<string, string>): void {
  mkdirSync(linkFolderOf(assetsDirectory), { recursive: true });
  writeLinks(assetsDirectory, [...files], false);
}

/** Links added or moved files on a live change, replacing any link already there. */
export function addAssetLinks(assetsDirectory: string, files: readonly (readonly [string, string])[]): void {
  writeLinks(assetsDirectory, files, true);
}

// Synchronous for the same reason as the walk (src/manifest/scan.ts): at 95,000 links the
// promise API with an rm before each link took 10 s, symlinkSync 4.9 s on disk and 0.8 s on
// tmpfs (which is why the CLI's work folder lives in /dev/shm where it can).
function writeLinks(assetsDirectory: string, files: readonly (readonly [string, string])[], isReplacing: boolean): void {
  const madeParents = new Set<string>();
  for (const [key, target] of files) {
    const link = linkPathOf(assetsDirectory, key);
    const parent = path.dirname(link);
    if (!madeParents.has(parent)) {
      mkdirSync(parent, { recursive: true });
      madeParents.add(parent);
    }
    if (isReplacing) rmSync(link, { force: true });
    symlinkSync(target, link);
  }
}

export async function removeAssetLinks(assetsDirectory: string, keys: readonly string[]): Promise<void> {
  await Promise.all(keys.map((key) => rm(linkPathOf(assetsDirectory, key), { force: true, recursive: true })));
}
