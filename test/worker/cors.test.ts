import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { readConfig } from "../../src/worker/config.js";
import { CORS_MAX_AGE_SECONDS, decideOptions, parseRequestedHeaders } from "../../src/worker/cors.js";
import type { Env } from "../../src/worker/env.js";
import app from "../../src/worker/index.js";

/** --cors: the pure deciders, then the whole worker with CORS="1" (an Env built here, beside test/wrangler.test.toml's). */
const CORS_ENV: Env = { ...(env as Env), CORS: "1" };
const fetchWith = (workerEnv: Env, path: string, init?: RequestInit) =>
  app.fetch(new Request(`http://example.com${path}`, { redirect: "manual", ...init }), workerEnv);

describe("parseRequestedHeaders", () => {
  it.each<[string | null, string | null]>([
    [null, null],
    ["", null],
    [" , ", null],
    ["Content-Type", "content-type"],
    ["X-Custom, authorization", "x-custom, authorization"],
    ["range,range , Range", "range"],
    ["x-a,,x-b", "x-a, x-b"],
    ["x a", null],
    ["x-a, bad header", null],
    ["x-a\r\nSet-Cookie: y", null],
    ["x-a;y", null],
    ['x-"quoted"', null],
  ])("answers %j with %j", (value, expected) => {
    expect(parseRequestedHeaders(value)).toBe(expected);
  });
});

describe("decideOptions", () => {
  const options = (headers: Record<string, string>) => new Request("http://example.com/", { method: "OPTIONS", headers });
  it("answers a preflight as a preflight only when --cors is on", () => {
    const preflight = options({
      Origin: "https://a.example",
      "Access-Control-Request-Method": "GET",
      "Access-Control-Request-Headers": "Range",
    });
    expect(decideOptions(preflight, readConfig(CORS_ENV))).toEqual({ kind: "preflight", allowHeaders: "range" });
    expect(decideOptions(preflight, readConfig(env as Env))).toEqual({ kind: "options" });
  });

  it("answers OPTIONS without Access-Control-Request-Method as plain OPTIONS", () => {
    expect(decideOptions(options({ Origin: "https://a.example" }), readConfig(CORS_ENV))).toEqual({ kind: "options" });
  });
});

describe("the worker with --cors", () => {
  it.each(["/hello.txt", "/nested/", "/nope", "/hello?name=Billy", "/%00"])(
    "%s carries Access-Control-Allow-Origin: * and no Vary: Origin",
    async (path) => {
      const response = await fetchWith(CORS_ENV, path, { headers: { Origin: "https://a.example" } });
      expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
      expect(response.headers.get("Vary") ?? "").not.toMatch(/origin/i);
      await response.arrayBuffer();
    },
  );

  it("exposes the headers a page needs for ranges and validators", async () => {
    const response = await fetchWith(CORS_ENV, "/alphabet.txt", { headers: { Range: "bytes=0-3" } });
    expect(response.status).toBe(206);
    const exposed = (response.headers.get("Access-Control-Expose-Headers") ?? "").split(", ");
    expect(exposed).toEqual(expect.arrayContaining(["Content-Length", "Content-Range", "ETag", "Accept-Ranges"]));
    await response.arrayBuffer();
  });

  it("answers the same whether or not the request has an Origin, so nothing varies by Origin", async () => {
    const without = await fetchWith(CORS_ENV, "/hello.txt");
    const withOrigin = await fetchWith(CORS_ENV, "/hello.txt", { headers: { Origin: "https://b.example" } });
    expect(without.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(withOrigin.headers.get("Access-Control-Allow-Origin")).toBe("*");
    await Promise.all([without.arrayBuffer(), withOrigin.arrayBuffer()]);
  });

  it("answers a preflight 204 with methods, the requested headers, a max age and no body", async () => {
    const response = await fetchWith(CORS_ENV, "/hello.txt", {
      method: "OPTIONS",
      headers: { Origin: "https://a.example", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "X-Custom, Range" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Access-Control-Allow-Methods")).toBe("GET, HEAD, OPTIONS");
    expect(response.headers.get("Access-Control-Allow-Headers")).toBe("x-custom, range");
    expect(response.headers.get("Access-Control-Max-Age")).toBe(String(CORS_MAX_AGE_SECONDS));
    expect(response.headers.get("Vary")).toBe("Access-Control-Request-Headers");
    expect(await response.text()).toBe("");
  });

  it("allows no headers when a requested name is not a token", async () => {
    const response = await fetchWith(CORS_ENV, "/", {
      method: "OPTIONS",
      headers: { "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "x-a, b c" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Headers")).toBeNull();
  });
});

describe("the worker without --cors", () => {
  it.each(["/hello.txt", "/nested/", "/nope"])("%s carries no CORS header", async (path) => {
    const response = await fetchWith(env as Env, path, { headers: { Origin: "https://a.example" } });
    for (const name of response.headers.keys()) expect(name).not.toMatch(/^access-control-/);
    await response.arrayBuffer();
  });

  it("answers a preflight as plain OPTIONS: 204 with Allow and no CORS header", async () => {
    const response = await fetchWith(env as Env, "/", {
      method: "OPTIONS",
      headers: { Origin: "https://a.example", "Access-Control-Request-Method": "GET" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
    expect(response.headers.get("Access-Control-Allow-Origin")).toBeNull();
    expect(response.headers.get("Access-Control-Allow-Methods")).toBeNull();
  });
});
