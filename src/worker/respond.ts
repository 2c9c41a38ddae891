import { GENERATION_HEADER } from "../shared/control.js";
import { formatSize } from "../shared/format.js";
import { type FileEntry, MAX_EDGE_FILE_BYTES } from "../shared/manifest.js";
import { AUTH_CHALLENGE } from "./auth.js";
import type { Config } from "./config.js";
import { createPreflightHeaders } from "./cors.js";
import { encodeFileResponse } from "./encoded-response.js";
import type { FileOutcome } from "./file.js";
import { createFileHeaders } from "./headers.js";
import type { FolderPage, Outcome } from "./outcome.js";
import { type ErrorStatus, errorTitle, renderErrorPage } from "./pages/error.js";
import { renderGreeting } from "./pages/greeting.js";
import { contentSecurityPolicy, type Markup } from "./pages/layout.js";

/** The one edge: every outcome becomes a Response here, and only here is a status chosen. */

export const ALLOWED_METHODS = "GET, HEAD, OPTIONS";

export interface ResponseContext {
  isHead: boolean;
  wantsJson: boolean;
  config: Config;
}

export async function respond(outcome: Outcome, context: ResponseContext): Promise<Response> {
  switch (outcome.kind) {
    case "headers-too-large":
      return respondWithError(431, "The request's headers are too large.", context);
    case "address-too-long":
      return respondWithError(414, "The address is too long.", context);
    case "bad-path":
      return respondWithError(400, "The address is not a valid path.", context);
    case "method-not-allowed": {
      const response = await respondWithError(405, "Only GET, HEAD and OPTIONS are served.", context);
      response.headers.set("Allow", ALLOWED_METHODS);
      return response;
    }
    case "options":
      return new Response(null, { status: 204, headers: { Allow: ALLOWED_METHODS } });
    case "preflight":
      return new Response(null, { status: 204, headers: createPreflightHeaders(outcome.allowHeaders) });
    case "unauthorized": {
      // The same page for every path, so a 401 tells nothing about what the folder holds.
      const response = await respondWithError(401, "This server asks for a user name and password.", context);
      response.headers.set("WWW-Authenticate", AUTH_CHALLENGE);
      return response;
    }
    case "greeting":
      return respondWithHtml(renderGreeting(outcome.name), 200, new Headers({ "Cache-Control": "no-cache" }), context.isHead);
    case "add-slash":
    case "clean-url-redirect":
      // Same-origin by construction: `location` is an encodePath() result, so it starts with one "/".
      return new Response(null, { status: 301, headers: { Location: outcome.location + outcome.query, "Cache-Control": "no-cache" } });
    case "listing":
      return respondWithListing(outcome.body, context);
    case "missing":
      if (outcome.page !== null) return respondWithPage(404, outcome.page, context);
      return respondWithError(404, "Nothing is served at this address.", context, outcome.requestedPath);
    case "file":
      return encodeFileResponse(await respondWithFile(outcome.decision, outcome.entry, context), outcome.representation);
    case "manifest-taken":
      return new Response(null, { status: 204, headers: { [GENERATION_HEADER]: String(outcome.generation) } });
    case "manifest-out-of-step":
      return new Response(null, { status: 409, headers: { [GENERATION_HEADER]: String(outcome.generation) } });
    case "reload-events":
      // Server-Sent Events (HTML Living Standard §9.2); no-store, so no cache holds the stream.
      return new Response(outcome.body, {
        status: 200,
        headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store" },
      });
    case "internal-error":
      return respondWithError(500, "Something went wrong inside edgeserve.", context);
    default:
      return outcome satisfies never;
  }
}

const TOO_LARGE_DETAIL = `This file is over the ${formatSize(MAX_EDGE_FILE_BYTES)} a file may be on the edge, so it is listed but not served here.`;

async function respondWithFile(outcome: FileOutcome, entry: FileEntry, context: ResponseContext): Promise<Response> {
  switch (outcome.kind) {
    case "not-modified":
      return new Response(null, { status: 304, headers: createFileHeaders(entry, context.config.cacheControl, outcome.validators) });
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
      const headers = createFileHeaders(entry, context.config.cacheControl, outcome.validators);
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

async function respondWithListing(body: Uint8Array, context: ResponseContext): Promise<Response> {
  const headers = new Headers({ Vary: "Accept", "Cache-Control": "no-cache" });
  if (!context.wantsJson) return respondWithHtml(body, 200, headers, context.isHead);
  headers.set("Content-Type", "application/json; charset=utf-8");
  return withBody(body, 200, headers, context.isHead);
}

async function respondWithError(status: ErrorStatus, detail: string, context: ResponseContext, requestedPath?: string): Promise<Response> {
  const headers = new Headers({ Vary: "Accept", "Cache-Control": "no-cache" });
  if (context.wantsJson) {
    headers.set("Content-Type", "application/json; charset=utf-8");
    return withBody(JSON.stringify({ error: { status, title: errorTitle(status), detail } }), status, headers, context.isHead);
  }
  return respondWithHtml(renderErrorPage(status, detail, requestedPath), status, headers, context.isHead);
}

async function respondWithPage(status: number, page: FolderPage, context: ResponseContext): Promise<Response> {
  const headers = new Headers({
    "Content-Type": page.entry.contentType,
    "Cache-Control": "no-cache",
    "Content-Length": String(page.length),
  });
  if (context.isHead) await page.body.cancel();
  return new Response(context.isHead ? null : page.body, { status, headers });
}

async function respondWithHtml(markup: Markup | Uint8Array, status: number, headers: Headers, isHead: boolean): Promise<Response> {
  headers.set("Content-Type", "text/html; charset=utf-8");
  headers.set("Content-Security-Policy", await contentSecurityPolicy());
  return withBody(markup instanceof Uint8Array ? markup : (await markup).toString(), status, headers, isHead);
}

function withBody(content: string | Uint8Array, status: number, headers: Headers, isHead: boolean): Response {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  headers.set("Content-Length", String(bytes.byteLength));
  return new Response(isHead ? null : bytes, { status, headers });
}
