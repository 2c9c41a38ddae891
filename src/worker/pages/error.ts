import { html } from "hono/html";
import { type Markup, renderPage } from "./layout.js";

export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 412 | 414 | 416 | 431 | 500 | 503;

const TITLES: Record<ErrorStatus, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  412: "Precondition failed",
  414: "URI too long",
  416: "Range not satisfiable",
  431: "Request header fields too large",
  500: "Internal error",
  503: "Service unavailable",
};

export function errorTitle(status: ErrorStatus): string {
  return TITLES[status];
}

/**
 * The page for an error; with `requestedPath` (a URL's pathname, as sent) it also says which
 * address was asked for, decoded where it decodes, escaped by hono/html like every other value.
 */
export function renderErrorPage(status: ErrorStatus, detail: string, requestedPath?: string): Markup {
  const title = `${status} ${TITLES[status]}`;
  const asked = requestedPath === undefined ? "" : html`<p>You asked for <code>${showPath(requestedPath)}</code>.</p>`;
  return renderPage({
    title,
    body: html`<h1>${title}</h1>${asked}<p class="muted">${detail}</p><p><a href="/">Back to the top</a></p>`,
  });
}

/** "/caf%C3%A9/" → "/café/"; a pathname that does not decode is shown as sent. */
export function showPath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}
