import ignore, { type Ignore } from "ignore";
import { UNSAFE_CHARACTER } from "../shared/names.js";

/**
 * Which names are never served: the rules every walk applies, in one place. Hidden names hold
 * secrets (.env, .git/, .dev.vars); control characters and backslashes cannot be one URL
 * segment safely (src/shared/names.ts).
 */
export type Refusal = "hidden" | "unsafe-name" | "ignored";

/** RFC 8615: the one dot name served, and only at the root (security.txt, assetlinks.json, …). */
export const WELL_KNOWN = ".well-known";

/** `directoryKey` is the key of the folder holding the name ("" at the root). */
export function refuseName(name: string, directoryKey: string): Refusal | null {
  if (isHiddenName(name, directoryKey === "")) return "hidden";
  if (UNSAFE_CHARACTER.test(name) || name === "") return "unsafe-name";
  return null;
}

/** True when a relative path (its segments from the root) goes through a hidden name. */
export function isHiddenPath(segments: readonly string[]): boolean {
  return segments.some((segment, position) => isHiddenName(segment, position === 0));
}

function isHiddenName(name: string, isAtRoot: boolean): boolean {
  return name.startsWith(".") && !(isAtRoot && name === WELL_KNOWN);
}

/** The folder's own `.assetsignore` (gitignore syntax), as the platform would obey it. */
export function createIgnoreRules(assetsIgnoreText: string | null): (relativePath: string, isDirectory: boolean) => boolean {
  if (assetsIgnoreText === null) return () => false;
  const rules: Ignore = ignore().add(assetsIgnoreText);
  return (relativePath, isDirectory) => rules.ignores(isDirectory ? `${relativePath}/` : relativePath);
}
