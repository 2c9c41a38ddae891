import { isToken } from "../shared/header-rules.js";
import type { Config } from "./config.js";
import type { Outcome } from "./outcome.js";

/**
 * `--cors`: any origin may read every answer, without credentials. `Access-Control-Allow-Origin: *`
 * is on every answer whether or not the request had an Origin, so no answer varies by Origin and
 * none carries `Vary: Origin` (Fetch standard, "CORS protocol and HTTP caches": Vary is for
 * answers that echo the origin). `*` never admits a credentialed request, which is why --auth
 * does not reflect origins: any page the user visits could then read the protected files.
 */

export const CORS_METHODS = "GET, HEAD, OPTIONS";

/** Chromium caps a preflight's cache at two hours (Firefox at a day): longer would only mislead. */
export const CORS_MAX_AGE_SECONDS = 7200;

/** Answer headers a page's script cannot read without being named (Fetch: CORS-safelisted response headers are not). */
const EXPOSED_HEADERS = [
  "Accept-Ranges",
  "Content-Length",
  "Content-Range",
  "Date",
  "ETag",
  "Last-Modified",
  "Retry-After",
  "Allow",
  "WWW-Authenticate",
];

/** A CORS preflight (Fetch standard): OPTIONS with Access-Control-Request-Method, sent by browsers without credentials. */
export function isPreflight(request: Request, config: Config): boolean {
  return config.isCorsOn && request.method === "OPTIONS" && request.headers.has("Access-Control-Request-Method");
}

export function decideOptions(request: Request, config: Config): Outcome {
  if (!isPreflight(request, config)) return { kind: "options" };
  return { kind: "preflight", allowHeaders: parseRequestedHeaders(request.headers.get("Access-Control-Request-Headers")) };
}

/**
 * Access-Control-Request-Headers (a comma-separated list of names) to the list to allow: every
 * name is echoed, lower-cased, when all are tokens; null (allow none) when one is not, so nothing
 * but a header name can reach the answer.
 */
export function parseRequestedHeaders(value: string | null): string | null {
  if (value === null) return null;
  const names = value
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== "");
  if (names.length === 0 || !names.every(isToken)) return null;
  return [...new Set(names)].join(", ");
}

/** Added to every answer when --cors is on. */
export function addCorsHeaders(headers: Headers, config: Config): void {
  if (!config.isCorsOn) return;
  headers.set("Access-Control-Allow-Origin", "*");
  headers.set("Access-Control-Expose-Headers", [...EXPOSED_HEADERS, ...config.extraHeaders.map(({ name }) => name)].join(", "));
}

/** The preflight's own headers; the answer varies by the requested headers it echoes. */
export function createPreflightHeaders(allowHeaders: string | null): Headers {
  const headers = new Headers({
    "Access-Control-Allow-Methods": CORS_METHODS,
    "Access-Control-Max-Age": String(CORS_MAX_AGE_SECONDS),
    Vary: "Access-Control-Request-Headers",
  });
  if (allowHeaders !== null) headers.set("Access-Control-Allow-Headers", allowHeaders);
  return headers;
}
