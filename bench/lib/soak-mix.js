import http from "node:http";
import { PATHS } from "./folders.js";

/**
 * The soak's request mix: files, listings, redirects, 404s, Range and HEAD, each with
 * the statuses a correct answer may have. `weight` is how many slots it takes in the rotation.
 */
export function buildRequestMix({ etag }) {
  return [
    { name: "GET 1 KiB", path: PATHS.small, expected: [200], weight: 4 },
    { name: "GET 64 KiB", path: PATHS.medium, expected: [200], weight: 2 },
    { name: "GET 1 MiB", path: PATHS.large, expected: [200], weight: 1 },
    { name: "GET deep file", path: PATHS.deep, expected: [200], weight: 1 },
    { name: "GET space name", path: PATHS.spaced, expected: [200], weight: 1 },
    { name: "GET unicode name", path: PATHS.unicode, expected: [200], weight: 1 },
    { name: "GET listing", path: PATHS.listing, expected: [200], weight: 1 },
    { name: "GET listing JSON", path: PATHS.listing, headers: { accept: "application/json" }, expected: [200], weight: 1 },
    { name: "GET small listing", path: "/names/", expected: [200], weight: 2 },
    { name: "GET dir no slash", path: PATHS.listingNoSlash, expected: [301, 302, 307, 308], weight: 1 },
    { name: "GET 404", path: PATHS.missing, expected: [404], weight: 2 },
    { name: "GET 404 dir", path: "/nested/missing/", expected: [404], weight: 1 },
    { name: "GET traversal", path: "/%2e%2e/%2e%2e/etc/passwd", expected: [400, 403, 404], weight: 1 },
    { name: "GET Range", path: PATHS.medium, headers: { range: "bytes=0-99" }, expected: [206], bodyLength: 100, weight: 2 },
    { name: "GET Range suffix", path: PATHS.medium, headers: { range: "bytes=-100" }, expected: [206], bodyLength: 100, weight: 1 },
    { name: "GET Range past end", path: PATHS.medium, headers: { range: "bytes=70000-" }, expected: [416], weight: 1 },
    { name: "HEAD file", method: "HEAD", path: PATHS.small, expected: [200], weight: 2 },
    { name: "HEAD listing", method: "HEAD", path: PATHS.listing, expected: [200], weight: 1 },
    { name: "GET If-None-Match", path: PATHS.small, headers: { "if-none-match": etag }, expected: [304], weight: 2 },
  ];
}

/** The mix unrolled by weight, so request i uses rotation[i % length]. */
export function buildRotation(mix) {
  return mix.flatMap((entry) => Array.from({ length: entry.weight }, () => entry));
}

/** One request on a keep-alive agent; resolves to { status, bytes } or { error }. Never rejects. */
export function sendRequest({ agent, baseUrl, entry, timeoutMs }) {
  return new Promise((resolve) => {
    const request = http.request(
      `${baseUrl}${entry.path}`,
      { method: entry.method ?? "GET", headers: entry.headers ?? {}, agent, timeout: timeoutMs },
      (response) => {
        let bytes = 0;
        response.on("data", (chunk) => (bytes += chunk.length));
        response.on("end", () => resolve({ status: response.statusCode, bytes }));
        response.on("error", (error) => resolve({ error: error.code ?? error.message }));
      },
    );
    request.on("timeout", () => request.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })));
    request.on("error", (error) => resolve({ error: error.code ?? error.message }));
    request.end();
  });
}

/** The strong ETag of one file, for the conditional requests in the mix. */
export async function fetchEtag(baseUrl, path) {
  const response = await fetch(`${baseUrl}${path}`, { method: "HEAD", signal: AbortSignal.timeout(30_000) });
  return response.headers.get("etag") ?? '"none"';
}
