import { ASSET_PREFIX } from "../shared/assets-layout.js";
import { MAX_EDGE_FILE_BYTES } from "../shared/manifest.js";
import { encodeSegments, type FileSource, fetchWithRetry, sliceStream } from "./file-source.js";

/**
 * Reads through the static-assets binding (deploys, `wrangler dev`). It does no Range (a range is
 * cut from the stream here), answers HEAD without Content-Length, and holds files up to the
 * edge's per-file limit. Files sit under ASSET_PREFIX, away from the names the platform reads.
 */
export function createAssetFiles(binding: Fetcher): FileSource {
  return {
    maxFileBytes: MAX_EDGE_FILE_BYTES,
    async read(segments, { method, range }) {
      const url = `http://assets.local/${ASSET_PREFIX}/${encodeSegments(segments)}`;
      // redirect: "manual" because the binding would otherwise follow its own canonicalising 307s.
      const response = await fetchWithRetry(() => binding.fetch(url, { method, redirect: "manual" }));
      if (response === null) return { kind: "busy" };
      if (response.status !== 200) {
        await response.body?.cancel();
        return { kind: "missing" };
      }
      if (method === "HEAD" || response.body === null) return { kind: "found", length: method === "HEAD" ? null : 0, body: null };
      const header = response.headers.get("Content-Length");
      let body: ReadableStream<Uint8Array> = response.body;
      let length = Number(header);
      if (header === null) {
        // A compressed or chunked answer has no length: read it whole (an asset is at most 25 MiB).
        const bytes = new Uint8Array(await response.arrayBuffer());
        length = bytes.byteLength;
        body = new Blob([bytes]).stream();
      }
      return { kind: "found", length, body: range === null ? body : sliceStream(body, range) };
    },
  };
}
