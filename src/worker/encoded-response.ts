import type { Representation } from "./encoding.js";

/**
 * A file's answer in the representation --compress chose (src/worker/encoding.ts). Every answer
 * for a file that could have been encoded says `Vary: Accept-Encoding` (RFC 9110 §12.5.5), 304s
 * and identity answers to a Range included. Only a 200 is encoded: 206 and 416 are identity.
 */
export function encodeFileResponse(response: Response, representation: Representation | undefined): Response {
  if (representation === undefined) return response;
  if (representation.kind !== "identity" || representation.couldBeEncoded) response.headers.append("Vary", "Accept-Encoding");
  if (representation.kind === "identity" || response.status !== 200) return response;
  const headers = new Headers(response.headers);
  headers.set("Content-Encoding", representation.coding);
  if (representation.kind === "precompressed") {
    // The body is already encoded: sent as it is, with its own Content-Length.
    return new Response(response.body, { status: 200, headers, encodeBody: "manual" });
  }
  // The runtime encodes the body as it sends it (docs/runtime-facts.md "Compression"), so the
  // length is not known ahead: chunked, for HEAD too (HEAD parity, RFC 9110 §9.3.2).
  headers.delete("Content-Length");
  return new Response(response.body, { status: 200, headers });
}
