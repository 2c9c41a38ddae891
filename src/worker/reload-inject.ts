import { hashSource } from "./pages/layout.js";
import { allowReloadScript } from "./reload-policy.js";
import { RELOAD_SCRIPT } from "./reload-script.js";

/**
 * --reload: an HTML answer (a file of the folder, its 404.html, or a page of edgeserve's own)
 * gets the reload script at the end of the document, and every Content-Security-Policy it carries,
 * as a header or a <meta>, is amended to allow it (src/worker/reload-policy.ts). The body changes
 * length as it streams, so Content-Length goes; the ETag turns weak (the bytes are no longer the
 * file's, RFC 9110 §8.8.1) and Range is no longer offered. A 206 is left alone: its bytes are the file's.
 */

const INJECTED_STATUSES = new Set([200, 404]);

let scriptHash: string | null = null;

export async function injectReloadScript(response: Response): Promise<Response> {
  const contentType = response.headers.get("Content-Type") ?? "";
  if (!/^text\/html\b/i.test(contentType) || !INJECTED_STATUSES.has(response.status)) return response;
  // A precompressed sibling (--compress) is sent as its encoded bytes with their own length; the
  // rewriter cannot edit those. Compressed on the fly (no length), the body here is still plain.
  if (response.headers.has("Content-Encoding") && response.headers.has("Content-Length")) return response;
  // Kept as a string: a Promise must not outlive its request (docs/runtime-facts.md).
  scriptHash ??= await hashSource(RELOAD_SCRIPT);
  const hash = scriptHash;
  const headers = new Headers(response.headers);
  headers.delete("Content-Length");
  headers.delete("Accept-Ranges");
  const etag = headers.get("ETag");
  if (etag !== null && !etag.startsWith("W/")) headers.set("ETag", `W/${etag}`);
  const policy = headers.get("Content-Security-Policy");
  if (policy !== null) headers.set("Content-Security-Policy", allowReloadScript(policy, hash));
  const page = new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  if (response.body === null) return page;
  return new HTMLRewriter()
    .on("meta[http-equiv]", {
      element(meta) {
        const content = meta.getAttribute("content");
        if (meta.getAttribute("http-equiv")?.toLowerCase() === "content-security-policy" && content !== null) {
          meta.setAttribute("content", allowReloadScript(content, hash));
        }
      },
    })
    .onDocument({
      end(end) {
        end.append(`<script>${RELOAD_SCRIPT}</script>`, { html: true });
      },
    })
    .transform(page);
}
