import type { FileEntry } from "../shared/manifest.js";
import { createEtag, formatHttpDate, type Validators } from "./conditional.js";

export function validatorsOf(entry: FileEntry): Validators {
  return { etag: createEtag(entry.size, entry.mtimeMs), lastModifiedMs: entry.mtimeMs };
}

/** Entity headers of one file (RFC 9110 §8); a 304 carries the same validators. */
export function createFileHeaders(entry: FileEntry, cacheControl: string, validators: Validators | null): Headers {
  const headers = new Headers({
    "Content-Type": entry.contentType,
    "Accept-Ranges": "bytes",
    "Cache-Control": cacheControl,
  });
  if (validators) {
    headers.set("ETag", validators.etag);
    headers.set("Last-Modified", formatHttpDate(validators.lastModifiedMs));
  }
  return headers;
}
