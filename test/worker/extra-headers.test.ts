import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { parseExtraHeader, refuseExtraHeader } from "../../src/shared/header-rules.js";
import type { Env } from "../../src/worker/env.js";
import { applyExtraHeaders, readExtraHeaders } from "../../src/worker/extra-headers.js";
import app from "../../src/worker/index.js";

/** --header: the rules (shared with the CLI), the worker's reading of EXTRA_HEADERS, then the whole worker. */
const fetchWith = (workerEnv: Env, path: string, init?: RequestInit) =>
  app.fetch(new Request(`http://example.com${path}`, { redirect: "manual", ...init }), workerEnv);

describe("parseExtraHeader", () => {
  it.each<[string, { name: string; value: string } | RegExp]>([
    ["X-Frame-Options: DENY", { name: "X-Frame-Options", value: "DENY" }],
    ["Cache-Control:no-store", { name: "Cache-Control", value: "no-store" }],
    ["X-Empty:", { name: "X-Empty", value: "" }],
    ["X-Spaces:   a  b \t", { name: "X-Spaces", value: "a  b" }],
    ["X-Url: https://a.example/x?y=1", { name: "X-Url", value: "https://a.example/x?y=1" }],
    ["Permissions-Policy: camera=()", { name: "Permissions-Policy", value: "camera=()" }],
    ["no colon", /with a colon/],
    [": value", /header name/],
    ["X Bad: 1", /header name/],
    ["X-Bad : 1", /header name/],
    ["Bäd: 1", /header name/],
    ["X-A: one\r\nSet-Cookie: x", /no CR, LF, NUL/],
    ["X-A: one\nx", /no CR, LF, NUL/],
    ["X-A: a\u0000b", /no CR, LF, NUL/],
    ["X-A: a\u0007b", /control characters/],
    ["X-A: café", /printable ASCII/],
    ["Content-Length: 5", /Content-Length is refused: it frames the body/],
    ["transfer-encoding: chunked", /refused/],
    ["Connection: close", /connection header/],
    ["Content-Security-Policy: default-src *", /listing's policy/],
    ["Date: x", /refused/],
    ["Content-Type: text/plain", /refused/],
    ["ETag: x", /refused/],
    ["Vary: Origin", /refused/],
    ["WWW-Authenticate: Basic", /--auth/],
    ["Access-Control-Allow-Origin: *", /--cors/],
  ])("%j", (text, expected) => {
    const parsed = parseExtraHeader(text);
    if (expected instanceof RegExp) expect(parsed).toMatch(expected);
    else expect(parsed).toEqual(expected);
  });
});

describe("readExtraHeaders", () => {
  it.each<[string | undefined, { name: string; value: string }[]]>([
    [undefined, []],
    ["", []],
    ["not json", []],
    ['{"name":"X-A","value":"1"}', []],
    ['[{"name":"X-A","value":"1"}]', [{ name: "X-A", value: "1" }]],
    [
      '[{"name":"X-A","value":"1"},{"name":"Content-Length","value":"1"},{"name":"X-B","value":"a\\r\\nb"},{"name":"X-C"},7,null]',
      [{ name: "X-A", value: "1" }],
    ],
  ])("reads %j", (json, expected) => {
    expect(readExtraHeaders(json)).toEqual(expected);
  });

  it("refuses what the CLI refuses", () => {
    expect(refuseExtraHeader({ name: "Content-Length", value: "1" })).not.toBeNull();
    expect(refuseExtraHeader({ name: "X-A", value: "1" })).toBeNull();
  });
});

describe("applyExtraHeaders", () => {
  it("replaces edgeserve's header of the same name and keeps both values of a name given twice", () => {
    const headers = new Headers({ "Cache-Control": "no-cache" });
    applyExtraHeaders(headers, [
      { name: "cache-control", value: "no-store" },
      { name: "X-A", value: "1" },
      { name: "x-a", value: "2" },
    ]);
    expect(headers.get("Cache-Control")).toBe("no-store");
    expect(headers.get("X-A")).toBe("1, 2");
  });
});

describe("the worker with --header", () => {
  const HEADERS_ENV: Env = {
    ...(env as Env),
    EXTRA_HEADERS: JSON.stringify([
      { name: "X-Frame-Options", value: "DENY" },
      { name: "Cache-Control", value: "no-store" },
    ]),
  };

  it.each<[string, RequestInit]>([
    ["/hello.txt", {}],
    ["/hello.txt", { method: "HEAD" }],
    ["/hello.txt", { headers: { Range: "bytes=0-1" } }],
    ["/nested/", {}],
    ["/nested", {}],
    ["/nope", {}],
    ["/hello", {}],
    ["/", { method: "OPTIONS" }],
    ["/", { method: "DELETE" }],
    ["/%00", {}],
  ])("%s %j carries the added headers", async (path, init) => {
    const response = await fetchWith(HEADERS_ENV, path, init);
    expect(response.headers.get("X-Frame-Options")).toBe("DENY");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    await response.arrayBuffer();
  });

  it("keeps framing and the listing's policy: Content-Length and CSP are edgeserve's", async () => {
    const hostile = {
      ...(env as Env),
      EXTRA_HEADERS: JSON.stringify([
        { name: "Content-Length", value: "1" },
        { name: "Content-Security-Policy", value: "default-src *" },
      ]),
    };
    const response = await fetchWith(hostile, "/nested/");
    const body = await response.text();
    expect(response.headers.get("Content-Length")).toBe(String(new TextEncoder().encode(body).byteLength));
    expect(response.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
  });

  it("adds nothing without --header", async () => {
    const response = await fetchWith(env as Env, "/hello.txt");
    expect(response.headers.get("X-Frame-Options")).toBeNull();
    expect(response.headers.get("Cache-Control")).toBe("no-cache");
    await response.arrayBuffer();
  });
});
