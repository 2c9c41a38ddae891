import { html } from "hono/html";
import { renderPage, type Markup } from "./layout.js";

export type ErrorStatus = 400 | 403 | 404 | 405 | 412 | 414 | 416 | 431 | 500 | 503;

const TITLES: Record<ErrorStatus, string> = {
  400: "Bad request",
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

export function renderErrorPage(status: ErrorStatus, detail: string): Markup {
  const title = `${status} ${TITLES[status]}`;
  return renderPage({
    title,
    body: html`<h1>${title}</h1><p class="muted">${detail}</p><p><a href="/">Back to the top</a></p>`,
  });
}
