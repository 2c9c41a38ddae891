import { type EntryRecord, joinKey, type ManifestDirectories } from "../shared/manifest.js";

/**
 * What a folder update changed, for --reload (src/worker/reload.ts tells a stylesheet-only change
 * from any other): the keys of files added, removed or edited (size or mtime), and of directories
 * added or removed ("docs/"), found by comparing the two manifests' directories. Only directories
 * whose JSON differs are read, so the cost follows the change, not the folder. Pure.
 */

/** A push names at most this many; past it, the ones that are no stylesheet are kept first. */
export const MAX_CHANGED_PATHS = 1000;

export function listChangedPaths(before: ManifestDirectories, after: ManifestDirectories): string[] {
  const changed: string[] = [];
  for (const directory of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const old = before[directory];
    const next = after[directory];
    if (old === next) continue;
    const oldEntries = recordsByName(old);
    const newEntries = recordsByName(next);
    for (const name of new Set([...oldEntries.keys(), ...newEntries.keys()])) {
      const was = oldEntries.get(name);
      const is = newEntries.get(name);
      if (!hasEntryChanged(was, is)) continue;
      const isDirectory = (is ?? was)?.[1] === -1;
      changed.push(isDirectory ? `${joinKey(directory, name)}/` : joinKey(directory, name));
    }
  }
  return capChangedPaths(changed);
}

/**
 * A file changed when it came, went, or its size, mtime or type differs. A directory counts only
 * when it came or went: its mtime moves whenever a file inside is added, which an editor saving
 * a stylesheet by rename does, and the files themselves are compared in their own directory.
 */
function hasEntryChanged(was: EntryRecord | undefined, is: EntryRecord | undefined): boolean {
  if (was === undefined || is === undefined) return was !== is;
  const [, oldSize, oldMtime, oldType] = was;
  const [, newSize, newMtime, newType] = is;
  if (oldSize === -1 && newSize === -1) return false;
  return oldSize !== newSize || oldMtime !== newMtime || oldType !== newType;
}

function recordsByName(json: string | undefined): Map<string, EntryRecord> {
  const records = json === undefined ? [] : (JSON.parse(json) as EntryRecord[]);
  return new Map(records.map((record) => [record[0], record]));
}

function capChangedPaths(paths: string[]): string[] {
  if (paths.length <= MAX_CHANGED_PATHS) return paths;
  const isStylesheet = (key: string) => key.toLowerCase().endsWith(".css");
  return [...paths.filter((key) => !isStylesheet(key)), ...paths.filter(isStylesheet)].slice(0, MAX_CHANGED_PATHS);
}
