/**
 * Rendered listings, kept per manifest: a pushed manifest is a new object, so its cache starts
 * empty and a listing never outlives the folder state it shows. Bounded, oldest out first.
 */
const MAX_ENTRIES = 32;
const caches = new WeakMap<object, Map<string, Uint8Array>>();

/** Kept encoded: re-encoding a 1,000-entry listing (~95 KiB) on every answer was most of its cost. */
export async function renderOnce(owner: object, key: string, render: () => Promise<string>): Promise<Uint8Array> {
  let cache = caches.get(owner);
  if (cache === undefined) {
    cache = new Map();
    caches.set(owner, cache);
  }
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const bytes = new TextEncoder().encode(await render());
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(key, bytes);
  return bytes;
}
