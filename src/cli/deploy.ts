import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, realpath, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { DeployOptions } from "./args.js";
import { buildUpload } from "./deploy-assets.js";
import {
  type AssetFile,
  chooseAlias,
  chooseWorkerName,
  describeNextCommand,
  describeWorkerUrl,
  findCredentials,
  TOKEN_HELP,
} from "./deploy-checks.js";
import { type SecretsFile, writeSecretsFile } from "./deploy-secrets.js";
import { countOf, describeRootConflict, printLine, printWarning } from "./log.js";
import { UserError } from "./user-error.js";
import { createWorkerSecrets, createWorkerVariables } from "./worker-config.js";
import { quietWranglerEnvironment, writeWorkerConfig } from "./wrangler-config.js";
import { runWrangler, tail } from "./wrangler-run.js";

/**
 * `edgeserve deploy`: the same manifest and assets folder as `serve`, uploaded by the project's
 * own wrangler as a preview version (`versions upload --preview-alias`) or, with --production,
 * deployed. README "Deploy a preview" is the user's view of it.
 */

export async function deploy(options: DeployOptions): Promise<void> {
  const root = await resolveFolder(options.directory);
  const name = chooseWorkerName(options.name, root);
  const alias = options.isProduction ? null : chooseAlias(options.alias, (await findBranch(root)) ?? path.basename(root), name);
  if (options.isProduction && options.alias !== null) printWarning("--alias only names previews; --production deploys without one");
  const conflict = describeRootConflict(options.homePage, options.greetPath);
  if (conflict !== null) printWarning(conflict);
  if (!options.isDryRun && findCredentials(process.env) === null) throw new UserError(TOKEN_HELP);
  if (options.outdir !== null && !options.isDryRun)
    throw new UserError("--outdir only goes with --dry-run (a real upload builds in a temporary folder)");
  const workDirectory = await chooseWorkDirectory(options, root);
  let secrets: SecretsFile | null = null;
  try {
    const files = await buildUpload(root, workDirectory, options);
    await quietWranglerEnvironment(workDirectory);
    const configPath = await writeWorkerConfig({
      workDirectory,
      name,
      variables: createWorkerVariables({ ...options, isPreview: !options.isProduction, isRequestLogOn: false }),
    });
    secrets = await writeSecretsFile(createWorkerSecrets(options));
    const target = {
      name,
      alias,
      configPath,
      workDirectory,
      secrets,
      verbose: options.verbose,
      nextCommand: describeNextCommand({ ...options, name, alias }),
    };
    if (options.isDryRun) await dryRun(target, files);
    else await upload(target);
  } finally {
    await secrets?.remove();
    if (!options.isDryRun) await rm(workDirectory, { recursive: true, force: true });
  }
}

interface Target {
  name: string;
  alias: string | null;
  configPath: string;
  workDirectory: string;
  /** Sent with the upload as Worker secrets, never written into the work folder. */
  secrets: SecretsFile | null;
  verbose: boolean;
  /** What to type to upload for real what a dry run built. */
  nextCommand: string;
}

async function resolveFolder(given: string): Promise<string> {
  const stats = await stat(given).catch(() => null);
  if (stats === null) throw new UserError(`${given}: no such folder. Give the folder to deploy, e.g. edgeserve deploy public`);
  if (!stats.isDirectory()) throw new UserError(`${given} is a file, not a folder. Give the folder that contains it`);
  return realpath(given);
}

/** The checked-out branch when DIR is in a git work tree (not a detached HEAD); git itself is optional. */
function findBranch(root: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile("git", ["-C", root, "symbolic-ref", "--short", "-q", "HEAD"], { timeout: 5_000 }, (error, stdout) => {
      resolve(error || stdout.trim() === "" ? null : stdout.trim());
    });
  });
}

/** --dry-run writes where asked (a fresh temp folder by default, kept); a real upload builds in a temp folder. */
async function chooseWorkDirectory(options: DeployOptions, root: string): Promise<string> {
  if (!options.isDryRun || options.outdir === null)
    return mkdtemp(path.join(os.tmpdir(), options.isDryRun ? "edgeserve-dry-run-" : "edgeserve-deploy-"));
  const outdir = path.resolve(options.outdir);
  await mkdir(outdir, { recursive: true });
  // A refused run must not leave an earlier run's list behind as if it were this one's.
  await Promise.all(["assets.json", "bundle"].map((name) => rm(path.join(outdir, name), { recursive: true, force: true })));
  const inside = path.relative(root, await realpath(outdir));
  // Inside DIR the next walk would pick up the bundle and the links (and serve them).
  if (!inside.startsWith("..") && !path.isAbsolute(inside))
    throw new UserError(`--outdir ${options.outdir} is inside the folder being deployed; choose a folder outside it`);
  return outdir;
}

/** The same wrangler command a real run uses, with --dry-run: bundle only, no network, no account. */
async function dryRun(target: Target, files: readonly AssetFile[]): Promise<void> {
  const bundle = path.join(target.workDirectory, "bundle");
  await runWrangler([...uploadArguments(target), "--dry-run", "--outdir", bundle], {
    workDirectory: target.workDirectory,
    output: target.verbose ? "show" : "quiet",
  });
  const list = path.join(target.workDirectory, "assets.json");
  await writeFile(list, `${JSON.stringify({ name: target.name, alias: target.alias, files }, null, 2)}\n`);
  const url = describeWorkerUrl(target.name, target.alias);
  printLine(
    `Dry run: nothing uploaded. Worker name ${target.name}, ${target.alias === null ? "production deploy (no alias)" : `preview alias ${target.alias}`}.`,
  );
  printLine(`  ${target.alias === null ? "Production" : "The preview"} would answer at ${url}`);
  for (const name of target.secrets?.names ?? [])
    printLine(`  Secret ${name} would be set on the Worker (its value is in no file written here)`);
  printLine(`Written to ${target.workDirectory}:`);
  printLine(`  ${path.join(bundle, "index.js")}   the worker as wrangler would upload it`);
  printLine(`  ${list}   the ${countOf(files.length, "file")} that would be uploaded, with sizes`);
  printLine(`  ${target.configPath}   the generated wrangler configuration`);
  printLine(`To upload it (needs CLOUDFLARE_API_TOKEN or npx wrangler login): ${target.nextCommand}`);
}

function uploadArguments(target: Target): string[] {
  const config = ["--config", target.configPath, ...(target.secrets === null ? [] : ["--secrets-file", target.secrets.path])];
  return target.alias === null ? ["deploy", ...config] : ["versions", "upload", ...config, "--preview-alias", target.alias];
}

async function upload(target: Target): Promise<void> {
  if (target.alias !== null) await assertProductionExists(target);
  const outputFile = path.join(target.workDirectory, "wrangler-output.json");
  await runWrangler(uploadArguments(target), {
    workDirectory: target.workDirectory,
    output: "show",
    env: { WRANGLER_OUTPUT_FILE_PATH: outputFile },
  });
  const url = await readUploadedUrl(outputFile);
  if (target.alias === null) printLine(`Deployed ${target.name} to production${url === null ? "" : `: ${url}`}`);
  else
    printLine(
      url === null
        ? `Uploaded preview ${target.alias} of ${target.name}; its URL is on the Worker's page in the Cloudflare dashboard (workers.dev previews may be off)`
        : `Preview of ${target.name}: ${url}`,
    );
}

/**
 * A first preview must not silently become production, and what the API does with a
 * version of a Worker that does not exist is not ours to guess: refuse, and say how to start.
 */
async function assertProductionExists(target: Target): Promise<void> {
  const result = await runWrangler(["deployments", "list", "--name", target.name, "--json", "--config", target.configPath], {
    workDirectory: target.workDirectory,
    output: "capture",
  });
  const isMissing = /\b10007\b|does not exist/i.test(result.output);
  if (result.code === 0 && !/^\s*\[\s*\]\s*$/.test(result.stdout) && !isMissing) return;
  if (result.code === 0 || isMissing) {
    throw new UserError(
      `the Worker ${target.name} has no production deployment yet, and a preview is never its first version: run edgeserve deploy with --production once (that copy is public), then previews go beside it`,
    );
  }
  throw new UserError(
    `could not check the Worker ${target.name} on Cloudflare (wrangler exited with ${result.code}):\n${tail(result.output)}`,
  );
}

async function readUploadedUrl(outputFile: string): Promise<string | null> {
  const lines = (await readFile(outputFile, "utf8").catch(() => "")).split("\n").filter(Boolean);
  for (const line of lines.reverse()) {
    const entry = JSON.parse(line) as { preview_alias_url?: string; preview_url?: string; targets?: string[] };
    const url = entry.preview_alias_url ?? entry.preview_url ?? entry.targets?.[0];
    if (url) return url;
  }
  return null;
}
