import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import type { ManifestData } from "../shared/manifest.js";
import { buildFolderIndex, type BuildOptions, type FolderIndex } from "./build.js";
import { linkAssets, renderManifestData, writeManifestModule } from "./write.js";

/**
 * Generates what the worker needs for `root` into `outDirectory` (never inside root):
 * `manifest.js` and `assets/`. Used by the CLI, wrangler.toml's [build] and the test setup.
 */
export async function generateSite(root: string, outDirectory: string, options: BuildOptions = {}): Promise<{ index: FolderIndex; manifest: ManifestData }> {
  const index = await buildFolderIndex(root, options);
  const assets = path.join(outDirectory, "assets");
  await rm(assets, { recursive: true, force: true });
  await mkdir(outDirectory, { recursive: true });
  const manifest = renderManifestData(index.directories);
  await writeManifestModule(path.join(outDirectory, "manifest.js"), manifest);
  await linkAssets(assets, index.files);
  return { index, manifest };
}
