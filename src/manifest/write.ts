import { mkdirSync, rmSync, symlinkSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { encodeEntry, MANIFEST_FORMAT, type Entry, type ManifestData } from "../shared/manifest.js";
import { ASSET_PREFIX } from "../shared/assets-layout.js";
import { compareNames } from "../shared/sort.js";

/**
 * The only writer. Everything goes into edgeserve's own work folder, never into the served one:
 * `manifest.js` (the module the worker imports) and `assets/f/…` (symlinks to the allowed files,
 * which the static-assets binding follows: PLATFORM.md, "one design that answers all of these").
 */
export function renderManifestData(directories: ReadonlyMap<string, readonly Entry[]>): ManifestData {
  const strings: Record<string, string> = {};
  for (const [key, entries] of directories) {
    const sorted = [...entries].sort((left, right) => compareNames(left.name, right.name));
    strings[key] = JSON.stringify(sorted.map(encodeEntry));
  }
  return { format: MANIFEST_FORMAT, directories: strings };
}

export function renderManifestModule(data: ManifestData): string {
  return `export const format = ${data.format};\nexport const directories = ${JSON.stringify(data.directories)};\n`;
}

/** Writes next to the target and renames, so a reader sees the old module or the new, never half. */
export async function writeManifestModule(file: string, data: ManifestData): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, renderManifestModule(data));
  await rename(temporary, file);
}

function assetPathOf(assetsDirectory: string, key: string): string {
  return path.join(assetsDirectory, ASSET_PREFIX, ...key.split("/"));
}

/** Links every allowed file into a new, empty assets folder. */
export async function linkAssets(assetsDirectory: string, files: ReadonlyMap<string, string>): Promise<void> {
  mkdirSync(path.join(assetsDirectory, ASSET_PREFIX), { recursive: true });
  writeLinks(assetsDirectory, [...files], false);
}

/** Links added or moved files on a live change, replacing any link already there. */
export async function addAssetLinks(assetsDirectory: string, files: readonly (readonly [string, string])[]): Promise<void> {
  writeLinks(assetsDirectory, files, true);
}

// Synchronous for the same reason as the walk (src/manifest/scan.ts): at 95,000 links the
// promise API with an rm before each link took 10 s, symlinkSync 4.9 s on disk and 0.8 s on
// tmpfs (which is why the CLI's work folder lives in /dev/shm where it can).
function writeLinks(assetsDirectory: string, files: readonly (readonly [string, string])[], isReplacing: boolean): void {
  const madeParents = new Set<string>();
  for (const [key, target] of files) {
    const link = assetPathOf(assetsDirectory, key);
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
  await Promise.all(keys.map((key) => rm(assetPathOf(assetsDirectory, key), { force: true, recursive: true })));
}
