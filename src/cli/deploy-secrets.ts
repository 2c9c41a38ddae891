import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { createWorkDirectory } from "./lifecycle.js";
import type { WorkerSecrets } from "./worker-config.js";

/**
 * The Worker's secrets for wrangler's `--secrets-file` (wrangler 4.86.0 reads it as JSON and sends
 * each entry as a secret_text binding of the version, with `versions upload` and `deploy` alike,
 * --dry-run included). The file lives in a folder of its own, mode 0700 and 0600, apart from the
 * work folder and --outdir, so no file a dry run keeps holds a password; it is removed as soon as
 * wrangler has exited.
 */

export interface SecretsFile {
  path: string;
  names: string[];
  remove(): Promise<void>;
}

export async function writeSecretsFile(secrets: WorkerSecrets): Promise<SecretsFile | null> {
  const names = Object.keys(secrets);
  if (names.length === 0) return null;
  // createWorkDirectory: /dev/shm where it exists (memory, never a disk), made by mkdtemp (0700).
  const folder = await createWorkDirectory();
  const file = path.join(folder, "secrets.json");
  await writeFile(file, JSON.stringify(secrets), { mode: 0o600, flag: "wx" });
  return { path: file, names, remove: () => rm(folder, { recursive: true, force: true }) };
}
