import { mkdir, rename, rm, symlink, writeFile } from "node:fs/promises";
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

export function assetPathOf(assetsDirectory: string, key: string): string {
  return path.join(assetsDirectory, ASSET_PREFIX, ...key.split("/"));
}

const BATCH = 512;

/** Links every allowed file into the assets folder (which must not exist yet, or be empty). */
export async function linkAssets(assetsDirectory: string, files: ReadonlyMap<string, string>): Promise<void> {
  await mkdir(path.join(assetsDirectory, ASSET_PREFIX), { recursive: true });
  await addAssetLinks(assetsDirectory, [...files]);
}

export async function addAssetLinks(assetsDirectory: string, files: readonly (readonly [string, string])[]): Promise<void> {
  const parents = new Set(files.map(([key]) => path.dirname(assetPathOf(assetsDirectory, key))));
  await Promise.all([...parents].map((parent) => mkdir(parent, { recursive: true })));
  for (let start = 0; start < files.length; start += BATCH) {
    await Promise.all(
      files.slice(start, start + BATCH).map(async ([key, target]) => {
        const link = assetPathOf(assetsDirectory, key);
        await rm(link, { force: true });
        await symlink(target, link);
      }),
    );
  }
}

export async function removeAssetLinks(assetsDirectory: string, keys: readonly string[]): Promise<void> {
  await Promise.all(keys.map((key) => rm(assetPathOf(assetsDirectory, key), { force: true, recursive: true })));
}
