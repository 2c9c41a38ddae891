import { UNSAFE_CHARACTER } from "./names.js";

/**
 * The one place a request path is decoded and normalised, for the worker and for the CLI's
 * checks of --greet. Pure: takes the raw pathname as sent (still percent-encoded), returns
 * segments that can never climb above the served folder.
 */

/** Longer raw paths get a 414 before any work: oversize input answers fast. */
export const MAX_PATH_LENGTH = 2048;

export type RequestPath =
  | { kind: "path"; segments: string[]; hasTrailingSlash: boolean }
  | { kind: "bad-path"; reason: "malformed-encoding" | "forbidden-character" }
  | { kind: "too-long" };

// A lone surrogate cannot be encoded again: refusing it, with the characters no served name has,
// keeps "one segment = one name" true.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function decodeRequestPath(rawPathname: string): RequestPath {
  if (rawPathname.length > MAX_PATH_LENGTH) return { kind: "too-long" };
  const segments: string[] = [];
  let last = "";
  for (const rawSegment of rawPathname.split("/")) {
    let segment: string;
    try {
      segment = decodeURIComponent(rawSegment);
    } catch {
      return { kind: "bad-path", reason: "malformed-encoding" };
    }
    if (UNSAFE_CHARACTER.test(segment) || LONE_SURROGATE.test(segment)) return { kind: "bad-path", reason: "forbidden-character" };
    last = segment;
    // Percent-decoding happens once, so "%2e%2e" is the name "..", which is treated as the dot
    // segment it spells (as the URL parser does), and "%2f" stays inside its segment.
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      segments.pop();
      continue;
    }
    segments.push(segment);
  }
  const hasTrailingSlash = segments.length > 0 && (last === "" || last === "." || last === "..");
  return { kind: "path", segments, hasTrailingSlash };
}

/** The canonical, same-origin URL path for segments: each one encoded on its own. */
export function encodePath(segments: readonly string[], hasTrailingSlash: boolean): string {
  if (segments.length === 0) return "/";
  return `/${segments.map(encodeURIComponent).join("/")}${hasTrailingSlash ? "/" : ""}`;
}

export interface RequestTarget {
  /** Still percent-encoded, as sent; "/" when the URL has no path. */
  pathname: string;
  /** "" or "?…", as sent. */
  search: string;
  query: URLSearchParams;
}

/**
 * The path and query of `request.url`, which workerd builds from the Host header: `new URL()`
 * throws for a Host that is no valid authority ("a b", "1.2.3.4.5", two Host headers joined as
 * "x, y"), and a throw there used to become the runtime's own 500. Never throws.
 */
export function splitRequestUrl(url: string): RequestTarget {
  const schemeEnd = url.indexOf("://");
  const authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
  const pathStart = url.slice(authorityStart).search(/[/?#]/);
  const rest = pathStart < 0 ? "" : (url.slice(authorityStart + pathStart).split("#")[0] ?? "");
  const queryStart = rest.indexOf("?");
  const pathname = queryStart < 0 ? rest : rest.slice(0, queryStart);
  const search = queryStart < 0 ? "" : rest.slice(queryStart);
  return { pathname: pathname === "" ? "/" : pathname, search: search === "?" ? "" : search, query: new URLSearchParams(search) };
}
