import type { FileEntry } from "../shared/manifest.js";
import type { Config } from "./config.js";
import type { FileOutcome } from "./file.js";
import { createFileHeaders } from "./headers.js";
import { renderListingHtml } from "./listing/html.js";
import { renderListingJson } from "./listing/json.js";
import type { Listing } from "./listing/model.js";
import { contentSecurityPolicy, type Markup } from "./pages/layout.js";
import { renderErrorPage, errorTitle, type ErrorStatus } from "./pages/error.js";

/** The only module that chooses status codes (STYLE 4). */

export const ALLOWED_METHODS = "GET, HEAD, OPTIONS";

export interface ResponseContext {
  isHead: boolean;
  wantsJson: boolean;
  config: Config;
}

export async function respondWithFile(outcome: FileOutcome, entry: FileEntry, context: ResponseContext): Promise<Response> {
  const { config } = context;
  switch (outcome.kind) {
    case "not-modified":
      return new Response(null, { status: 304, headers: createFileHeaders(entry, config.cacheControl, outcome.validators) });
    case "precondition-failed":
      return respondWithError(412, "The file does not match the request's preconditions.", context);
    case "gone":
      return respondWithError(404, "The file was removed a moment ago.", context);
    case "unsatisfiable": {
      const response = await respondWithError(416, "The requested range is outside the file.", context);
      response.headers.set("Content-Range", `bytes */${outcome.length}`);
      return response;
    }
    case "content": {
      const headers = createFileHeaders(entry, config.cacheControl, outcome.validators);
      const { range, length } = outcome;
      const start = range?.start ?? 0;
      const end = range?.end ?? length - 1;
      headers.set("Content-Length", String(end - start + 1));
      if (range) headers.set("Content-Range", `bytes ${start}-${end}/${length}`);
      const body = context.isHead || outcome.body === null ? null : range ? outcome.body.slice(start, end + 1) : outcome.body;
      return new Response(body, { status: range ? 206 : 200, headers });
    }
    default:
      return outcome satisfies never;
  }
}

/** A listing's body in the form the request prefers; the same bytes for every such request. */
export async function renderListing(listing: Listing, wantsJson: boolean): Promise<string> {
  return wantsJson ? JSON.stringify(renderListingJson(listing)) : (await renderListingHtml(listing)).toString();
}

export async function respondWithListing(body: string, context: ResponseContext): Promise<Response> {
  const headers = new Headers({ Vary: "Accept", "Cache-Control": "no-cache" });
  if (!context.wantsJson) return respondWithHtml(body, 200, headers, context.isHead);
  headers.set("Content-Type", "application/json; charset=utf-8");
  return withBody(body, 200, headers, context.isHead);
}

export async function respondWithError(status: ErrorStatus, detail: string, context: ResponseContext, requestedPath?: string): Promise<Response> {
  const headers = new Headers({ Vary: "Accept", "Cache-Control": "no-cache" });
  if (status === 405) headers.set("Allow", ALLOWED_METHODS);
  if (context.wantsJson) {
    headers.set("Content-Type", "application/json; charset=utf-8");
    return withBody(JSON.stringify({ error: { status, title: errorTitle(status), detail } }), status, headers, context.isHead);
  }
  return respondWithHtml(renderErrorPage(status, detail, requestedPath), status, headers, context.isHead);
}

/** A file of the folder as the body of another status (the folder's own 404.html). */
export function respondWithPage(status: number, entry: FileEntry, body: ArrayBuffer, context: ResponseContext): Response {
  const headers = new Headers({ "Content-Type": entry.contentType, "Cache-Control": "no-cache" });
  return withBody(new Uint8Array(body), status, headers, context.isHead);
}

/** Same-origin by construction: `location` is an encodePath() result, so it starts with one "/". */
export function respondWithRedirect(location: string, query: string): Response {
  return new Response(null, { status: 301, headers: { Location: location + query, "Cache-Control": "no-cache" } });
}

export async function respondWithHtml(markup: Markup | string, status: number, headers: Headers, isHead: boolean): Promise<Response> {
  headers.set("Content-Type", "text/html; charset=utf-8");
  headers.set("Content-Security-Policy", await contentSecurityPolicy());
  return withBody((await markup).toString(), status, headers, isHead);
}

function withBody(content: string | Uint8Array, status: number, headers: Headers, isHead: boolean): Response {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  headers.set("Content-Length", String(bytes.byteLength));
  return new Response(isHead ? null : bytes, { status, headers });
}
