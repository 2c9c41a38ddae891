import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

export type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

// Constant markup only: no request data is ever interpolated into these strings.
const STYLE = raw(`
:root{color-scheme:light dark;--fg:#1d1f21;--muted:#5f6368;--bg:#fff;--line:#e3e3e3;--row:#f6f8fa;--link:#0b57d0;--warn:#9a3412}
@media (prefers-color-scheme:dark){:root{--fg:#e8eaed;--muted:#a8adb3;--bg:#16181b;--line:#2d3136;--row:#1f2327;--link:#8ab4f8;--warn:#fdba74}}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:960px;margin:0 auto;padding:1.25rem 1rem 3rem}h1{font-size:1.25rem;margin:.25rem 0 1rem;word-break:break-all}
a{color:var(--link);text-decoration:none}a:hover{text-decoration:underline}a:focus-visible,input:focus-visible{outline:2px solid var(--link);outline-offset:2px}
nav.crumbs a{padding:0 .15rem}.muted{color:var(--muted)}.summary{color:var(--muted);margin:.75rem 0}
input[type=search]{width:100%;max-width:22rem;padding:.4rem .6rem;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg);font:inherit}
table{width:100%;border-collapse:collapse;margin-top:.5rem}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line)}
th{font-weight:600;white-space:nowrap}td.size,th.size{text-align:right;white-space:nowrap}td.modified{white-space:nowrap;font-variant-numeric:tabular-nums}
td.name{word-break:break-all}tr:hover td,tr.selected td{background:var(--row)}.marker{display:inline-block;width:1.4em}.too-large{color:var(--warn)}
@media (max-width:600px){td.modified,th.modified{display:none}main{padding:.75rem .5rem}}
`);

export interface PageInput {
  title: string;
  nonce: string;
  body: Markup;
  script?: string;
}

export function renderPage({ title, nonce, body, script }: PageInput): Markup {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body><main>${body}</main>${script === undefined ? "" : html`<script nonce="${nonce}">${raw(script)}</script>`}</body>
</html>`;
}

/** Only the page's own nonce-tagged style and script may run; nothing loads from elsewhere. */
export function contentSecurityPolicy(nonce: string): string {
  return `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'self'`;
}

export function createNonce(): string {
  return crypto.randomUUID().replaceAll("-", "");
}
