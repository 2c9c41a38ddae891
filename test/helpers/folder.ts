import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** A real folder under the system's temporary directory, by its real path; `remove()` deletes it. */
export interface TempFolder {
  root: string;
  /** The absolute path of a slash-separated path below the root. */
  at(relativePath: string): string;
  /** Writes each file ("a/b.txt": "text") or makes each directory ("a/c/": null), parents included. */
  write(layout: Record<string, string | null>): void;
  remove(): void;
}

export function makeTempFolder(prefix = "edgeserve-test-"): TempFolder {
  const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
  const at = (relativePath: string) => path.join(root, ...relativePath.split("/"));
  return {
    root,
    at,
    write(layout) {
      for (const [relativePath, content] of Object.entries(layout)) {
        if (content === null) {
          mkdirSync(at(relativePath), { recursive: true });
        } else {
          mkdirSync(path.dirname(at(relativePath)), { recursive: true });
          writeFileSync(at(relativePath), content);
        }
      }
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
