import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { LISTING_SCRIPT } from "../listing/script.js";

export type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

// Constant markup only: no request data is ever interpolated into these strings.
const STYLE_TEXT = `
:root{color-scheme:light dark;--fg:#1d1f21;--muted:#5f6368;--bg:#fff;--line:#e3e3e3;--row:#eef3fb;--link:#0b57d0;--dir:#c98a0b;--warn:#9a3412}
@media (prefers-color-scheme:dark){:root{--fg:#e8eaed;--muted:#a8adb3;--bg:#16181b;--line:#2d3136;--row:#222a35;--link:#8ab4f8;--dir:#f2c14e;--warn:#fdba74}}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:960px;margin:0 auto;padding:1.25rem 1rem 3rem}h1{font-size:1.25rem;margin:.25rem 0 1rem;overflow-wrap:anywhere}
a{color:var(--link);text-decoration:none}a:hover{text-decoration:underline}
a:focus-visible,input:focus-visible{outline:2px solid var(--link);outline-offset:2px;border-radius:2px}
nav a[aria-current]{color:var(--fg)}.muted,.summary{color:var(--muted)}.summary{margin:.75rem 0}
a.root{display:inline-block;min-width:1.6em;min-height:1.6em;line-height:1.6em;padding:0 .3em;margin-right:.15em;text-align:center;border:1px solid var(--line);border-radius:6px;background:var(--row)}
#shown:not(:empty)::before{content:"\\00b7";margin:0 .5em}code{overflow-wrap:anywhere}
input[type=search]{width:100%;max-width:22rem;padding:.4rem .6rem;border:1px solid var(--muted);border-radius:6px;background:var(--bg);color:var(--fg);font:inherit}
table{width:100%;border-collapse:collapse;margin-top:.5rem;table-layout:fixed}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line)}
th{font-weight:600;white-space:nowrap;position:sticky;top:0;background:var(--bg)}th a{color:var(--fg);text-decoration:underline dotted var(--muted);text-underline-offset:.25em}th a:hover{text-decoration:underline solid}
th:not([aria-sort]) a::after{content:"\\2195";margin-left:.3em;color:var(--muted);font-weight:400}
td:first-child{overflow-wrap:anywhere}th:nth-child(2),td:nth-child(2){text-align:right;white-space:nowrap}th:nth-child(2){width:6.5em}th:nth-child(3){width:10.5em}
td:nth-child(3){white-space:nowrap;font-variant-numeric:tabular-nums;color:var(--muted)}tr.d td:nth-child(2){color:var(--muted)}
tr:hover td,tr:focus-within td{background:var(--row)}.big{color:var(--warn)}
td:first-child>:first-child{display:inline-block;position:relative;max-width:100%;padding-left:1.45em}
td:first-child>:first-child::before{content:"";position:absolute;left:0;top:.25em;width:.8em;height:1em;border:1.5px solid var(--muted);border-radius:1px 5px 1px 1px}
tr.d td:first-child>a::before{top:.35em;width:1.05em;height:.8em;border:0;border-radius:2px;background:var(--dir)}
tr.up td:first-child>a::before{content:"\\2191";top:.2em;width:1.05em;height:auto;line-height:1;border:0;color:var(--muted);text-align:center}
@media (max-width:600px){main{padding:.75rem .5rem}th,td{padding:.35rem .3rem}th:nth-child(2){width:4.6em}th:nth-child(3){width:6.4em;white-space:normal}td:nth-child(3){font-size:.8em;white-space:normal;line-height:1.25}}
`;
const STYLE = raw(STYLE_TEXT);

export interface PageInput {
  title: string;
  body: Markup;
  /** Constant text only (LISTING_SCRIPT): the policy allows it by its hash. */
  script?: string;
}

export function renderPage({ title, body, script }: PageInput): Markup {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body><main>${body}</main>${script === undefined ? "" : html`<script>${raw(script)}</script>`}</body>
</html>`;
}

let policy: string | null = null;

/**
 * Only the page's own style and the listing's script may run, named by their SHA-256 (CSP 3
 * hash sources), and nothing loads from elsewhere. Hashes instead of a per-request nonce keep
 * a generated page the same bytes for every request, so a listing can be rendered once.
 * Computed on first use and kept as a string (a Promise must not outlive its request).
 */
export async function contentSecurityPolicy(): Promise<string> {
  if (policy === null) {
    const [style, script] = await Promise.all([hashSource(STYLE_TEXT), hashSource(LISTING_SCRIPT)]);
    policy = `default-src 'none'; style-src ${style}; script-src ${script}; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'self'`;
  }
  return policy;
}

/** A CSP 3 hash source for constant text. */
export async function hashSource(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return `'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`;
}
