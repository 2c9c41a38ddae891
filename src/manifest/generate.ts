import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import type { ManifestDirectories } from "../shared/manifest.js";
import { type BuildOptions, buildFolderIndex, type FolderIndex, filesOverEdgeLimit } from "./build.js";
import { linkAssets, renderManifestData, writeManifestModule } from "./write.js";

export interface GenerateOptions extends BuildOptions {
  /**
   * For the static-assets binding (deploy, `wrangler dev`): files over the edge's per-file limit
   * get no link, since the platform refuses to start or upload with one. Locally the disk binding
   * serves them.
   */
  isForEdge?: boolean;
}

/**
 * Generates what the worker needs for `root` into `outDirectory` (never inside root):
 * `manifest.js` and `assets/`. Used by the CLI, wrangler.toml's [build] and the test setup.
 */
export async function generateSite(
  root: string,
  outDirectory: string,
  options: GenerateOptions = {},
): Promise<{ index: FolderIndex; manifest: ManifestDirectories }> {
  const index = await buildFolderIndex(root, options);
  const assets = path.join(outDirectory, "assets");
  await rm(assets, { recursive: true, force: true });
  await mkdir(outDirectory, { recursive: true });
  const manifest = renderManifestData(index.directories);
  await writeManifestModule(path.join(outDirectory, "manifest.js"), manifest);
  const overLimit = options.isForEdge ? new Set(filesOverEdgeLimit(index).map((file) => file.key)) : new Set<string>();
  linkAssets(assets, new Map([...index.files].filter(([key]) => !overLimit.has(key))));
  return { index, manifest };
}
