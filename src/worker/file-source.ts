/**
 * The worker's only I/O: reading the bytes of a manifest file. Two bindings can do it, and they
 * differ (docs/runtime-facts.md): locally a disk-directory service (src/worker/disk-files.ts),
 * on the edge and under `wrangler dev` the static-assets binding (src/worker/asset-files.ts).
 * One of them is chosen once per isolate from the worker's bindings (src/worker/config.ts);
 * everything above this interface is one code path.
 */

/** Inclusive byte positions, as in a Content-Range. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface ReadRequest {
  method: "GET" | "HEAD";
  /** Already decided against the file's length (src/worker/range.ts); never the client's header. */
  range: ByteRange | null;
}

export type FileRead =
  | { kind: "missing" }
  /** The binding kept failing (the file is being rewritten): worth a retry from the client. */
  | { kind: "busy" }
  /**
   * `length` is the file's whole size as the binding sees it now, or null when it cannot tell
   * without reading (a HEAD through the static-assets binding). For GET, `body` streams exactly
   * the range asked for (or the whole file); for HEAD it is null.
   */
  | { kind: "found"; length: number | null; body: ReadableStream<Uint8Array> | null };

export interface FileSource {
  /** Files larger than this cannot be read through this binding. */
  maxFileBytes: number;
  read(segments: readonly string[], request: ReadRequest): Promise<FileRead>;
}

const ATTEMPTS = 3;
const RETRY_DELAY_MS = 10;

/**
 * A binding's fetch rejects ("Network connection lost") when the file is truncated and rewritten
 * while it is read: tried again a few times, then null.
 */
export async function fetchWithRetry(fetchOnce: () => Promise<Response>): Promise<Response | null> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    try {
      return await fetchOnce();
    } catch {
      if (attempt < ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * attempt));
    }
  }
  return null;
}

/** The bytes `range` of a stream that starts at position 0; reads no further than it needs. */
export function sliceStream(source: ReadableStream<Uint8Array>, { start, end }: ByteRange): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let position = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        if (position > end) {
          controller.close();
          await reader.cancel();
          return;
        }
        const { done, value } = await reader.read();
        if (done) return controller.close();
        const chunkStart = position;
        position += value.byteLength;
        const from = Math.max(start - chunkStart, 0);
        const to = Math.min(end + 1 - chunkStart, value.byteLength);
        if (from < to) return controller.enqueue(value.subarray(from, to));
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/** The path of a manifest file below a binding's root, each segment encoded on its own. */
export function encodeSegments(segments: readonly string[]): string {
  return segments.map(encodeURIComponent).join("/");
}
