import { encodeSegments, type FileSource, fetchWithRetry, sliceStream } from "./file-source.js";

/**
 * Local reads through workerd's disk-directory service, rooted at the CLI's folder of links to
 * the allowed files. It answers HEAD with a stat, Range natively (206 + Content-Range, or 416
 * with the current length), has no size limit, and answers a directory with a JSON listing of
 * it, which is not a file. Its Content-Type is always application/octet-stream: the manifest's
 * type is used instead.
 */
export function createDiskFiles(binding: Fetcher): FileSource {
  return {
    maxFileBytes: Number.POSITIVE_INFINITY,
    async read(segments, { method, range }) {
      const headers: Record<string, string> = range === null ? {} : { Range: `bytes=${range.start}-${range.end}` };
      const response = await fetchWithRetry(() => binding.fetch(`http://files.local/${encodeSegments(segments)}`, { method, headers }));
      if (response === null) return { kind: "busy" };
      const length = lengthOf(response);
      const isFile = response.headers.get("Content-Type") === "application/octet-stream" || response.status === 416;
      if (!isFile || length === null) {
        await response.body?.cancel();
        return { kind: "missing" };
      }
      if (response.status === 416 || method === "HEAD") {
        await response.body?.cancel();
        return { kind: "found", length, body: null };
      }
      const body = response.body ?? new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
      // A 200 to a ranged request (the file changed between stat and read) is cut to the range.
      return { kind: "found", length, body: range !== null && response.status === 200 ? sliceStream(body, range) : body };
    },
  };
}

/** The file's whole length: from Content-Range on a 206 or 416, else Content-Length; null if neither. */
function lengthOf(response: Response): number | null {
  if (response.status === 206 || response.status === 416) {
    const total = /\/(\d+)$/.exec(response.headers.get("Content-Range") ?? "")?.[1];
    return total === undefined ? null : Number(total);
  }
  if (response.status !== 200) return null;
  const header = response.headers.get("Content-Length");
  return header === null ? null : Number(header);
}
