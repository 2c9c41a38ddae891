import ignore, { type Ignore } from "ignore";
import { UNSAFE_CHARACTER } from "../shared/names.js";

/**
 * Which names are never served: the rules every walk applies, in one place. Hidden names hold
 * secrets (.env, .git/, .dev.vars); control characters and backslashes cannot be one URL
 * segment safely (src/shared/names.ts).
 */
export type Refusal = "hidden" | "unsafe-name" | "ignored";


export function refuseName(name: string): Refusal | null {
  if (name.startsWith(".")) return "hidden";
  if (UNSAFE_CHARACTER.test(name) || name === "" || name === "..") return "unsafe-name";
  return null;
}

/** The folder's own `.assetsignore` (gitignore syntax), as the platform would obey it. */
export function createIgnoreRules(assetsIgnoreText: string | null): (relativePath: string, isDirectory: boolean) => boolean {
  if (assetsIgnoreText === null) return () => false;
  const rules: Ignore = ignore().add(assetsIgnoreText);
  return (relativePath, isDirectory) => rules.ignores(isDirectory ? `${relativePath}/` : relativePath);
}
