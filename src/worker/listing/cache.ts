/**
 * Rendered listings, kept per manifest: a pushed manifest is a new object, so its cache starts
 * empty and a listing never outlives the folder state it shows. Bounded, oldest out first.
 */
const MAX_ENTRIES = 32;
const caches = new WeakMap<object, Map<string, string>>();

export async function renderOnce(owner: object, key: string, render: () => Promise<string>): Promise<string> {
  let cache = caches.get(owner);
  if (cache === undefined) {
    cache = new Map();
    caches.set(owner, cache);
  }
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const text = await render();
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(key, text);
  return text;
}
