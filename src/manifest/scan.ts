import { createHash } from "node:crypto";
import { createReadStream, lstatSync, readdirSync, realpathSync, type Stats, statSync } from "node:fs";
import path from "node:path";
import { type Entry, joinKey } from "../shared/manifest.js";
import { contentTypeFor } from "./content-type.js";
import { isHiddenPath, refuseName } from "./rules.js";

/** Something skipped that the user should hear about once, at start or on change. */
export interface Skipped {
  relativePath: string;
  reason: "unsafe-name" | "link-outside" | "dangling-link" | "link-loop" | "unreadable" | "special-file";
}

export interface ScannedDirectory {
  key: string;
  entries: Entry[];
  /** key → absolute real path of each file in this directory. */
  files: Map<string, string>;
  /** Child directory keys with their real paths, to scan next. */
  children: { key: string; realPath: string }[];
  skipped: Skipped[];
}

export interface ScanContext {
  rootRealPath: string;
  isIgnored: (relativePath: string, isDirectory: boolean) => boolean;
  withDigests: boolean;
}

/** One directory, not recursive: the unit both the full build and live updates use. */
export async function scanDirectory(context: ScanContext, key: string, directoryRealPath: string): Promise<ScannedDirectory> {
  const result: ScannedDirectory = { key, entries: [], files: new Map(), children: [], skipped: [] };
  let names: string[];
  try {
    names = readdirSync(directoryRealPath);
  } catch {
    result.skipped.push({ relativePath: key, reason: "unreadable" });
    return result;
  }
  for (const name of names) await scanEntry(context, result, name, path.join(directoryRealPath, name));
  return result;
}

// Synchronous stat calls: a walk of 100,000 files is one syscall each, and the promise API's
// per-call overhead made it ~8x slower (2.8 s against 0.35 s measured on the bench's 95k tree).
async function scanEntry(context: ScanContext, result: ScannedDirectory, name: string, absolutePath: string): Promise<void> {
  const relativePath = joinKey(result.key, name);
  const refusal = refuseName(name, result.key);
  if (refusal === "hidden") return;
  if (refusal === "unsafe-name") return void result.skipped.push({ relativePath, reason: "unsafe-name" });
  const target = followLink(context, absolutePath);
  if (typeof target === "string") return void result.skipped.push({ relativePath, reason: target });
  if (target === null) return;
  const { realPath, stats } = target;
  const isDirectory = stats.isDirectory();
  if (context.isIgnored(relativePath, isDirectory)) return;
  if (isDirectory) {
    result.entries.push({ kind: "directory", name, mtimeMs: stats.mtimeMs });
    result.children.push({ key: relativePath, realPath });
    return;
  }
  if (!stats.isFile()) return void result.skipped.push({ relativePath, reason: "special-file" });
  result.entries.push({
    kind: "file",
    name,
    size: stats.size,
    mtimeMs: stats.mtimeMs,
    contentType: contentTypeFor(name),
    ...(context.withDigests ? { sha256: await hashFile(realPath) } : {}),
  });
  result.files.set(relativePath, realPath);
}

type LinkTarget = { realPath: string; stats: Stats } | Skipped["reason"] | null;

/**
 * Symlinks are judged by their real path against the real path of the root: inside (and not
 * through a hidden name) they are followed; outside, dangling or looping they are refused.
 */
function followLink(context: ScanContext, absolutePath: string): LinkTarget {
  let stats: Stats;
  try {
    stats = lstatSync(absolutePath);
  } catch {
    return null;
  }
  if (!stats.isSymbolicLink()) return { realPath: absolutePath, stats };
  let realPath: string;
  try {
    realPath = realpathSync(absolutePath);
    stats = statSync(realPath);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ELOOP" ? "link-loop" : "dangling-link";
  }
  const inside = path.relative(context.rootRealPath, realPath);
  if (inside === "" || inside.startsWith("..") || path.isAbsolute(inside)) {
    // The root itself is a loop when followed; anything else is outside the folder.
    return inside === "" ? "link-loop" : "link-outside";
  }
  if (isHiddenPath(inside.split(path.sep))) return "link-outside";
  return { realPath, stats };
}

async function hashFile(filePath: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
