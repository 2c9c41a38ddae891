import type { FileEntry } from "../shared/manifest.js";
import { evaluatePreconditions, isIfRangeCurrent, type Validators } from "./conditional.js";
import type { ByteRange, FileSource } from "./file-source.js";
import { validatorsOf } from "./headers.js";
import { parseRange } from "./range.js";

export type FileOutcome =
  | { kind: "not-modified"; validators: Validators }
  | { kind: "precondition-failed" }
  | { kind: "too-large" }
  | { kind: "gone" }
  | { kind: "busy" }
  | { kind: "unsatisfiable"; length: number }
  | { kind: "content"; validators: Validators | null; body: ReadableStream<Uint8Array> | null; length: number; range: ByteRange | null };

export interface FileRequest {
  method: "GET" | "HEAD";
  headers: Headers;
  files: FileSource;
  segments: readonly string[];
  entry: FileEntry;
  /** The representation's own validators when it is not the file's bytes (src/worker/encoding.ts). */
  validators?: Validators;
}

/**
 * Decide first, read last: validators and length come from the manifest, so 304, 412 and 416
 * are answered before any byte is read. The binding then says whether the file still has that
 * length; when it does not (the file changed a moment ago and the manifest has not caught up),
 * the answer is the whole file as it is now, without validators, so a client never gets a 304
 * or splices a range under a stale ETag.
 */
export async function decideFile(request: FileRequest): Promise<FileOutcome> {
  const { headers, entry, files } = request;
  if (entry.size > files.maxFileBytes) return { kind: "too-large" };
  const validators = request.validators ?? validatorsOf(entry);
  const precondition = evaluatePreconditions(
    {
      ifMatch: headers.get("If-Match"),
      ifNoneMatch: headers.get("If-None-Match"),
      ifModifiedSince: headers.get("If-Modified-Since"),
      ifUnmodifiedSince: headers.get("If-Unmodified-Since"),
    },
    validators,
  );
  if (precondition === "not-modified") return { kind: "not-modified", validators };
  if (precondition === "precondition-failed") return { kind: "precondition-failed" };
  const rangeHeader = isIfRangeCurrent(headers.get("If-Range"), validators) ? headers.get("Range") : null;
  const decision = parseRange(rangeHeader, entry.size);
  if (decision.kind === "unsatisfiable") return { kind: "unsatisfiable", length: entry.size };
  const range = decision.kind === "partial" ? { start: decision.start, end: decision.end } : null;
  const read = await files.read(request.segments, { method: request.method, range });
  if (read.kind !== "found") return { kind: read.kind === "missing" ? "gone" : "busy" };
  if (read.length === null || read.length === entry.size)
    return { kind: "content", validators, body: read.body, length: entry.size, range };
  await read.body?.cancel();
  const now = await files.read(request.segments, { method: request.method, range: null });
  if (now.kind !== "found") return { kind: now.kind === "missing" ? "gone" : "busy" };
  return { kind: "content", validators: null, body: now.body, length: now.length ?? read.length, range: null };
}
