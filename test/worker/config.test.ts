import { describe, expect, it } from "vitest";
import { MAX_EDGE_FILE_BYTES } from "../../src/shared/manifest.js";
import { type Config, readConfig } from "../../src/worker/config.js";
import type { Env } from "../../src/worker/env.js";

/** What the worker is started with, to the filled-in Config every request reads. */
const binding = { fetch: async () => new Response(null, { status: 404 }) } as unknown as Fetcher;
const BASE: Env = { FILES: binding };

describe("readConfig", () => {
  it.each<[string, Env, Partial<Config>]>([
    [
      "defaults",
      {},
      {
        homePage: null,
        greetSegments: ["hello"],
        doesGreetingWin: false,
        cacheControl: "no-cache",
        isPreview: false,
        isRequestLogOn: true,
      },
    ],
    ["a home page in a folder", { HOME_PAGE: "/docs/./start.html" }, { homePage: ["docs", "start.html"] }],
    ["an empty home page", { HOME_PAGE: "" }, { homePage: null }],
    ["a home page of slashes and dots", { HOME_PAGE: "/./" }, { homePage: null }],
    ["a greeting at the root", { GREET_PATH: "/" }, { greetSegments: [] }],
    ["a greeting in a folder, percent-encoded", { GREET_PATH: "/say/h%C3%A9llo" }, { greetSegments: ["say", "héllo"] }],
    ["the greeting off", { GREET_PATH: "off" }, { greetSegments: null }],
    ["the greeting empty", { GREET_PATH: "" }, { greetSegments: null }],
    ["a greeting path that cannot be a path", { GREET_PATH: "/a%00b" }, { greetSegments: null }],
    ["the greeting chosen over files", { GREET_PRECEDENCE: "greeting" }, { doesGreetingWin: true }],
    ["files chosen over the greeting", { GREET_PRECEDENCE: "files" }, { doesGreetingWin: false }],
    ["a cache age", { CACHE_MAX_AGE: "60" }, { cacheControl: "public, max-age=60" }],
    ["a zero cache age", { CACHE_MAX_AGE: "0" }, { cacheControl: "no-cache" }],
    ["a negative cache age", { CACHE_MAX_AGE: "-5" }, { cacheControl: "no-cache" }],
    ["a cache age that is no number", { CACHE_MAX_AGE: "soon" }, { cacheControl: "no-cache" }],
    ["a cache age past the safe integers", { CACHE_MAX_AGE: "9".repeat(20) }, { cacheControl: "no-cache" }],
    ["a preview", { IS_PREVIEW: "1" }, { isPreview: true }],
    ["no preview", { IS_PREVIEW: "0" }, { isPreview: false }],
    ["the request log off", { REQUEST_LOG: "off" }, { isRequestLogOn: false }],
    ["the request log on", { REQUEST_LOG: "on" }, { isRequestLogOn: true }],
  ])("fills in %s", (_case, env, expected) => {
    expect(readConfig({ ...BASE, ...env })).toMatchObject(expected);
  });

  it.each<[string, Env, number]>([
    ["the disk binding when there is one", { FILES: binding, ASSETS: binding }, Number.POSITIVE_INFINITY],
    ["the static-assets binding otherwise", { ASSETS: binding }, MAX_EDGE_FILE_BYTES],
  ])("reads files through %s", (_case, env, maxFileBytes) => {
    expect(readConfig(env).files.maxFileBytes).toBe(maxFileBytes);
  });

  it("refuses to start without a binding to read files through", () => {
    expect(() => readConfig({})).toThrow(/neither a FILES nor an ASSETS binding/);
  });

  it("decides once per env object", () => {
    const env: Env = { ...BASE, CACHE_MAX_AGE: "60" };
    const first = readConfig(env);
    env.CACHE_MAX_AGE = "0";
    expect(readConfig(env)).toBe(first);
    expect(readConfig({ ...env }).cacheControl).toBe("no-cache");
  });
});
