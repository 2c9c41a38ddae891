import { describe, expect, it } from "vitest";
import { injectReloadScript } from "../../src/worker/reload-inject.js";
import { RELOAD_SCRIPT } from "../../src/worker/reload-script.js";

const SCRIPT = `<script>${RELOAD_SCRIPT}</script>`;
const page = (body: string | null, headers: Record<string, string> = {}, status = 200) =>
  new Response(body, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Length": String(body?.length ?? 0),
      ETag: '"5-1"',
      "Accept-Ranges": "bytes",
      ...headers,
    },
  });

describe("injectReloadScript", () => {
  it("appends the script to an HTML page, drops Content-Length and Range, and weakens the ETag", async () => {
    const response = await injectReloadScript(page("<p>hi</p>"));
    expect(await response.text()).toBe(`<p>hi</p>${SCRIPT}`);
    expect(response.headers.get("Content-Length")).toBeNull();
    expect(response.headers.get("Accept-Ranges")).toBeNull();
    expect(response.headers.get("ETag")).toBe('W/"5-1"');
  });

  it("allows the script in the page's own CSP, header and <meta> alike", async () => {
    const markup = `<head><meta http-equiv="Content-Security-Policy" content="script-src 'self'"><meta name="x" content="script-src"></head>`;
    const response = await injectReloadScript(page(markup, { "Content-Security-Policy": "default-src 'none'" }));
    const body = await response.text();
    expect(body).toMatch(
      /^<head><meta http-equiv="Content-Security-Policy" content="script-src 'self' 'sha256-[A-Za-z0-9+/]{43}='"><meta name="x" content="script-src"><\/head><script>/,
    );
    expect(response.headers.get("Content-Security-Policy")).toMatch(
      /^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/]{43}='; connect-src 'self'$/,
    );
  });

  it("names the script by its real SHA-256", async () => {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(RELOAD_SCRIPT));
    const expected = `'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`;
    const response = await injectReloadScript(page("<p>", { "Content-Security-Policy": "script-src 'self'" }));
    expect(response.headers.get("Content-Security-Policy")).toBe(`script-src 'self' ${expected}`);
    await response.arrayBuffer();
  });

  it("injects into a 404 page and a HEAD answer's headers too", async () => {
    expect(await (await injectReloadScript(page("<h1>404</h1>", {}, 404))).text()).toContain(SCRIPT);
    const head = await injectReloadScript(page(null));
    expect(head.body).toBeNull();
    expect(head.headers.get("Content-Length")).toBeNull();
  });

  it("injects into a page --compress encodes on the fly (the body is still plain here)", async () => {
    const onTheFly = page("<p>hi</p>", { "Content-Encoding": "gzip" });
    onTheFly.headers.delete("Content-Length");
    const response = await injectReloadScript(onTheFly);
    expect(response.headers.get("Content-Encoding")).toBe("gzip");
    expect(await response.text()).toBe(`<p>hi</p>${SCRIPT}`);
  });

  it.each<[string, Response]>([
    ["a stylesheet", new Response("p{}", { headers: { "Content-Type": "text/css", "Content-Length": "3" } })],
    ["a 206 of an HTML file", page("<p>", { "Content-Range": "bytes 0-2/9" }, 206)],
    ["a 304", new Response(null, { status: 304, headers: { "Content-Type": "text/html" } })],
    ["XHTML", new Response("<p/>", { headers: { "Content-Type": "application/xhtml+xml", "Content-Length": "4" } })],
    ["a precompressed page (--compress: index.html.br, sent as its own bytes)", page("\u0000br-bytes", { "Content-Encoding": "br" })],
  ])("leaves %s alone", async (_, response) => {
    expect(await injectReloadScript(response)).toBe(response);
  });
});
