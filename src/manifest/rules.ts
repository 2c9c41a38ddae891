import ignore, { type Ignore } from "ignore";

/**
 * Which names are never served: the rules every walk applies, in one place. Hidden names hold
 * secrets (.env, .git/, .dev.vars); control characters and backslashes cannot be one URL
 * segment safely (src/worker/paths.ts refuses them).
 */
export type Refusal = "hidden" | "unsafe-name" | "ignored";

const UNSAFE_NAME = /[\u0000-\u001f\u007f\\]/;

export function refuseName(name: string): Refusal | null {
  if (name.startsWith(".")) return "hidden";
  if (UNSAFE_NAME.test(name) || name === "") return "unsafe-name";
  return null;
}

/** The folder's own `.assetsignore` (gitignore syntax), as the platform would obey it. */
export function createIgnoreRules(assetsIgnoreText: string | null): (relativePath: string, isDirectory: boolean) => boolean {
  if (assetsIgnoreText === null) return () => false;
  const rules: Ignore = ignore().add(assetsIgnoreText);
  return (relativePath, isDirectory) => rules.ignores(isDirectory ? `${relativePath}/` : relativePath);
}
