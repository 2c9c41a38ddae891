import { formatSize } from "../shared/format.js";
import { MAX_EDGE_FILE_BYTES, type FileEntry } from "../shared/manifest.js";
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

const TOO_LARGE_DETAIL = `This file is over the ${formatSize(MAX_EDGE_FILE_BYTES)} a file may be on the edge, so it is listed but not served here.`;

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
    case "too-large":
      return respondWithError(403, TOO_LARGE_DETAIL, context);
    case "busy": {
      const response = await respondWithError(503, "The file is being rewritten; try again in a moment.", context);
      response.headers.set("Retry-After", "1");
      return response;
    }
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
      return new Response(context.isHead ? null : outcome.body, { status: range ? 206 : 200, headers });
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
export async function respondWithPage(status: number, entry: FileEntry, page: FilePage, context: ResponseContext): Promise<Response> {
  const headers = new Headers({ "Content-Type": entry.contentType, "Cache-Control": "no-cache", "Content-Length": String(page.length) });
  if (context.isHead) await page.body.cancel();
  return new Response(context.isHead ? null : page.body, { status, headers });
}

export interface FilePage {
  length: number;
  body: ReadableStream<Uint8Array>;
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
