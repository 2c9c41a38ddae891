/** RFC 9110 §13: conditional request headers against one file's validators. Pure. */

export interface Validators {
  etag: string;
  lastModifiedMs: number;
}

export interface Preconditions {
  ifMatch: string | null;
  ifNoneMatch: string | null;
  ifModifiedSince: string | null;
  ifUnmodifiedSince: string | null;
}

export type ConditionalOutcome = "proceed" | "not-modified" | "precondition-failed";

/** Strong ETag from the manifest's size and mtime; never a digest of the body, which would mean reading it. */
export function createEtag(size: number, mtimeMs: number): string {
  return `"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`;
}

/** Evaluation order of §13.2.2 for a GET or HEAD of an existing file. */
export function evaluatePreconditions(conditions: Preconditions, validators: Validators): ConditionalOutcome {
  if (conditions.ifMatch !== null) {
    if (!matchesEtagList(conditions.ifMatch, validators.etag, "strong")) return "precondition-failed";
  } else if (conditions.ifUnmodifiedSince !== null) {
    const since = parseHttpDate(conditions.ifUnmodifiedSince);
    if (since !== null && toSeconds(validators.lastModifiedMs) > since) return "precondition-failed";
  }
  if (conditions.ifNoneMatch !== null) {
    // §13.1.2: weak comparison for If-None-Match; If-Modified-Since is then ignored.
    return matchesEtagList(conditions.ifNoneMatch, validators.etag, "weak") ? "not-modified" : "proceed";
  }
  if (conditions.ifModifiedSince !== null) {
    const since = parseHttpDate(conditions.ifModifiedSince);
    if (since !== null && toSeconds(validators.lastModifiedMs) <= since) return "not-modified";
  }
  return "proceed";
}

/** §13.1.5: a Range is honoured only if If-Range names the current representation. */
export function isIfRangeCurrent(ifRange: string | null, validators: Validators): boolean {
  if (ifRange === null) return true;
  const value = ifRange.trim();
  if (value.startsWith('"') || value.startsWith("W/")) {
    return !value.startsWith("W/") && value === validators.etag;
  }
  const date = parseHttpDate(value);
  return date !== null && date === toSeconds(validators.lastModifiedMs);
}

export function formatHttpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

function matchesEtagList(header: string, etag: string, comparison: "strong" | "weak"): boolean {
  const trimmed = header.trim();
  if (trimmed === "*") return true;
  if (comparison === "strong" && etag.startsWith("W/")) return false;
  const opaque = stripWeak(etag);
  return trimmed.split(",").some((candidate) => {
    const tag = candidate.trim();
    if (comparison === "strong" && tag.startsWith("W/")) return false;
    return stripWeak(tag) === opaque;
  });
}

function stripWeak(tag: string): string {
  return tag.startsWith("W/") ? tag.slice(2) : tag;
}

// §5.6.7: IMF-fixdate, the obsolete RFC 850 form, and asctime. Anything else is not a date, and
// Date.parse alone would read "2" as 2001-02-01.
const HTTP_DATE =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]+day, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4})$/;

/** Seconds since the epoch for an HTTP-date, or null when it is not one (then it is ignored). */
function parseHttpDate(value: string): number | null {
  if (value.length > 64) return null;
  const trimmed = value.trim();
  if (!HTTP_DATE.test(trimmed)) return null;
  const ms = Date.parse(/GMT$/.test(trimmed) ? trimmed : `${trimmed} GMT`);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

function toSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
