import type { FileEntry } from "../shared/manifest.js";
import { fetchAsset } from "./assets.js";
import { evaluatePreconditions, isIfRangeCurrent, type Validators } from "./conditional.js";
import { validatorsOf } from "./headers.js";
import { parseRange } from "./range.js";

export type FileOutcome =
  | { kind: "not-modified"; validators: Validators }
  | { kind: "precondition-failed" }
  | { kind: "gone" }
  | { kind: "unsatisfiable"; length: number }
  | { kind: "content"; validators: Validators | null; body: ArrayBuffer | null; length: number; range: { start: number; end: number } | null };

export interface FileRequest {
  method: "GET" | "HEAD";
  headers: Headers;
  assets: Fetcher;
  segments: readonly string[];
  entry: FileEntry;
}

/**
 * The binding is the truth for whether the file exists and how long it is, so its answer comes
 * first: when its length disagrees with the manifest (the file changed a moment ago and the
 * manifest has not caught up), conditional headers are ignored and the answer carries no
 * validators, so a client never gets a 304 or splices a range under a stale ETag (issue 5).
 */
export async function decideFile(request: FileRequest): Promise<FileOutcome> {
  const { headers, entry } = request;
  const asset = await fetchAsset(request.assets, request.segments, request.method);
  if (asset.kind === "gone") return { kind: "gone" };
  const body = asset.kind === "bytes" ? asset.body : null;
  const length = body?.byteLength ?? entry.size;
  const validators = length === entry.size ? validatorsOf(entry) : null;
  if (validators) {
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
  }
  const rangeHeader = validators && isIfRangeCurrent(headers.get("If-Range"), validators) ? headers.get("Range") : null;
  const range = parseRange(rangeHeader, length);
  if (range.kind === "unsatisfiable") return { kind: "unsatisfiable", length };
  return { kind: "content", validators, body, length, range: range.kind === "partial" ? { start: range.start, end: range.end } : null };
}
