import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { filesOverEdgeLimit } from "../manifest/build.js";
import { generateSite } from "../manifest/generate.js";
import { ASSET_PREFIX } from "../shared/assets-layout.js";
import { formatSize } from "../shared/format.js";
import { MAX_EDGE_FILE_BYTES } from "../shared/manifest.js";
import type { DeployOptions } from "./command.js";
import { type AssetFile, checkUploadLimits, MAX_DEPLOY_FILES } from "./deploy-checks.js";
import { countOf, printLine, printSkipped } from "./log.js";
import { checkSpaPage } from "./preflight.js";
import { UserError } from "./user-error.js";

/** What `edgeserve deploy` would upload: the same manifest and links as serve, within the platform's limits. */

/** Builds manifest.js and assets/ as serve does, enforces the limits and says what goes up. */
export async function buildUpload(root: string, workDirectory: string, options: DeployOptions): Promise<AssetFile[]> {
  const { index } = await generateSite(root, workDirectory, { withDigests: options.withDigests, isForEdge: true });
  printSkipped(index.skipped);
  checkSpaPage(index, options.spaPage);
  const files = await listAssets(path.join(workDirectory, "assets"));
  const check = checkUploadLimits(
    files,
    filesOverEdgeLimit(index).map(({ key, size }) => ({ path: `/${ASSET_PREFIX}/${key}`, size })),
  );
  switch (check.kind) {
    case "ok":
      break;
    case "file-too-large": {
      const named = check.files.slice(0, 3).map(describeFile).join(", ");
      throw new UserError(
        `${named}${check.files.length > 3 ? ` and ${check.files.length - 3} more` : ""}: over the ${formatSize(MAX_EDGE_FILE_BYTES)} a Workers asset may be. Nothing was uploaded; delete such files or list them in ${path.join(options.directory, ".assetsignore")}`,
      );
    }
    case "too-many-files":
      throw new UserError(
        `${options.directory} has ${check.count.toLocaleString("en")} files to upload, more than the ${MAX_DEPLOY_FILES.toLocaleString("en")} a Worker version may have on Cloudflare's free plan. Nothing was uploaded; leave some out with an .assetsignore file`,
      );
    default:
      return check satisfies never;
  }
  const largest = [...files].sort((left, right) => right.size - left.size).slice(0, 3);
  const bytes = files.reduce((total, file) => total + file.size, 0);
  printLine(
    `${options.isDryRun ? "Would upload" : "Ready to upload"} ${countOf(files.length, "file")} (${bytes < 1024 ? formatSize(bytes) : `${formatSize(bytes)}, ${bytes.toLocaleString("en")} bytes`}) from ${root}`,
  );
  if (largest.length > 0) printLine(`  largest: ${largest.map(describeFile).join(", ")}`);
  return files;
}

/** "/f/docs/a.pdf" → "docs/a.pdf (1.2 MiB)": the name as the user knows it. */
function describeFile(file: AssetFile): string {
  return `${file.path.slice(ASSET_PREFIX.length + 2)} (${formatSize(file.size)})`;
}

/** The assets folder read the way wrangler's buildAssetManifest reads it: recursive, following links. */
async function listAssets(assetsDirectory: string): Promise<AssetFile[]> {
  const names = await readdir(assetsDirectory, { recursive: true });
  const files: AssetFile[] = [];
  for (const name of names) {
    const stats = await stat(path.join(assetsDirectory, name));
    if (stats.isFile()) files.push({ path: `/${name.split(path.sep).join("/")}`, size: stats.size });
  }
  return files.sort((left, right) => (left.path < right.path ? -1 : left.path > right.path ? 1 : 0));
}
