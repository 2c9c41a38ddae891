import { ASSET_PREFIX } from "../shared/assets-layout.js";

/** The worker's only I/O: the bytes of a manifest file from the static-assets binding. */

export type AssetBytes = { kind: "bytes"; body: ArrayBuffer } | { kind: "exists" } | { kind: "gone" };

export async function fetchAsset(assets: Fetcher, segments: readonly string[], method: "GET" | "HEAD"): Promise<AssetBytes> {
  const path = [ASSET_PREFIX, ...segments].map(encodeURIComponent).join("/");
  // redirect: "manual" because the binding would otherwise follow its own canonicalising 307s.
  const response = await assets.fetch(`http://assets.local/${path}`, { method, redirect: "manual" });
  if (response.status !== 200) {
    await response.body?.cancel();
    return { kind: "gone" };
  }
  // The whole body, so that Content-Length is exact and a Range is a slice (assets are ≤ 25 MiB).
  return method === "HEAD" ? { kind: "exists" } : { kind: "bytes", body: await response.arrayBuffer() };
}
