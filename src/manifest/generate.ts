import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { buildFolderIndex, type BuildOptions, type FolderIndex } from "./build.js";
import { linkAssets, renderManifestData, writeManifestModule } from "./write.js";

/**
 * Generates what the worker needs for `root` into `outDirectory` (never inside root):
 * `manifest.js` and `assets/`. Used by the CLI, wrangler.toml's [build] and the test setup.
 */
export async function generateSite(root: string, outDirectory: string, options: BuildOptions = {}): Promise<FolderIndex> {
  const index = await buildFolderIndex(root, options);
  const assets = path.join(outDirectory, "assets");
  await rm(assets, { recursive: true, force: true });
  await mkdir(outDirectory, { recursive: true });
  await writeManifestModule(path.join(outDirectory, "manifest.js"), renderManifestData(index.directories));
  await linkAssets(assets, index.files);
  return index;
}
