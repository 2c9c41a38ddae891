import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { FileEntry } from "../../src/shared/manifest.js";
import { readConfig } from "../../src/worker/config.js";
import type { Env } from "../../src/worker/env.js";
import type { Outcome } from "../../src/worker/outcome.js";
import { type ResponseContext, respond } from "../../src/worker/respond.js";

/** The one edge: each outcome's status and the headers that come with it. */
const context = (overrides: Partial<ResponseContext> = {}): ResponseContext => ({
  isHead: false,
  wantsJson: false,
  config: readConfig(env as Env),
  ...overrides,
});
const ENTRY: FileEntry = { kind: "file", name: "a.txt", size: 10, mtimeMs: 0, contentType: "text/plain" };
const stream = (text: string) => new Response(text).body as ReadableStream<Uint8Array>;
const validators = { etag: '"a-0"', lastModifiedMs: 0 };

describe("respond", () => {
  it.each<[string, Outcome, number, Record<string, string | null>]>([
    ["headers too large", { kind: "headers-too-large" }, 431, {}],
    ["an address too long", { kind: "address-too-long" }, 414, {}],
    ["a bad path", { kind: "bad-path" }, 400, {}],
    ["a method not allowed", { kind: "method-not-allowed" }, 405, { Allow: "GET, HEAD, OPTIONS" }],
    ["OPTIONS", { kind: "options" }, 204, { Allow: "GET, HEAD, OPTIONS" }],
    [
      "a CORS preflight",
      { kind: "preflight", allowHeaders: "range" },
      204,
      { "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS", "Access-Control-Allow-Headers": "range" },
    ],
    ["a request without the password", { kind: "unauthorized" }, 401, { "WWW-Authenticate": 'Basic realm="edgeserve", charset="UTF-8"' }],
    ["the greeting", { kind: "greeting", name: "Billy" }, 200, { "Content-Type": "text/html; charset=utf-8" }],
    ["a missing slash", { kind: "add-slash", location: "/docs/", query: "?a=1" }, 301, { Location: "/docs/?a=1" }],
    ["a listing", { kind: "listing", body: new TextEncoder().encode("<p>x</p>") }, 200, { Vary: "Accept", "Content-Length": "8" }],
    ["a missing file", { kind: "missing", requestedPath: "/nope", page: null }, 404, {}],
    [
      "a missing file with the folder's 404 page",
      { kind: "missing", requestedPath: "/nope", page: { entry: ENTRY, length: 3, body: stream("404") } },
      404,
      { "Content-Type": "text/plain", "Content-Length": "3" },
    ],
    ["a pushed manifest", { kind: "manifest-taken", generation: 7 }, 204, { "X-Edgeserve-Generation": "7" }],
    ["a change pushed against another generation", { kind: "manifest-out-of-step", generation: 3 }, 409, { "X-Edgeserve-Generation": "3" }],
    ["an internal error", { kind: "internal-error" }, 500, {}],
    ["a not-modified file", { kind: "file", entry: ENTRY, decision: { kind: "not-modified", validators } }, 304, { ETag: '"a-0"' }],
    ["a failed precondition", { kind: "file", entry: ENTRY, decision: { kind: "precondition-failed" } }, 412, {}],
    ["a file gone a moment ago", { kind: "file", entry: ENTRY, decision: { kind: "gone" } }, 404, {}],
    ["a file too large for the binding", { kind: "file", entry: ENTRY, decision: { kind: "too-large" } }, 403, {}],
    ["a file being rewritten", { kind: "file", entry: ENTRY, decision: { kind: "busy" } }, 503, { "Retry-After": "1" }],
    [
      "an unsatisfiable range",
      { kind: "file", entry: ENTRY, decision: { kind: "unsatisfiable", length: 10 } },
      416,
      { "Content-Range": "bytes */10" },
    ],
    [
      "a whole file",
      { kind: "file", entry: ENTRY, decision: { kind: "content", validators, body: stream("0123456789"), length: 10, range: null } },
      200,
      { "Content-Length": "10", "Content-Range": null },
    ],
    [
      "a range",
      {
        kind: "file",
        entry: ENTRY,
        decision: { kind: "content", validators, body: stream("234"), length: 10, range: { start: 2, end: 4 } },
      },
      206,
      { "Content-Length": "3", "Content-Range": "bytes 2-4/10" },
    ],
  ])("answers %s with %i", async (_name, outcome, status, headers) => {
    const response = await respond(outcome, context());
    expect(response.status).toBe(status);
    for (const [name, value] of Object.entries(headers)) expect(response.headers.get(name)).toBe(value);
    await response.arrayBuffer();
  });

  it("answers an error as JSON when JSON is preferred, and HEAD without a body", async () => {
    const json = await respond({ kind: "bad-path" }, context({ wantsJson: true }));
    expect(await json.json()).toMatchObject({ error: { status: 400, title: "Bad request" } });
    const head = await respond({ kind: "bad-path" }, context({ isHead: true }));
    expect(Number(head.headers.get("Content-Length"))).toBeGreaterThan(0);
    expect(await head.text()).toBe("");
  });

  it("says which path was asked for on a 404 page", async () => {
    const response = await respond({ kind: "missing", requestedPath: "/caf%C3%A9/%3Cb%3E", page: null }, context());
    const page = await response.text();
    expect(page).toContain("café/&lt;b&gt;");
    expect(page).not.toContain("<b>");
  });
});
