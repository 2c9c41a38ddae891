import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { AUTH_CHALLENGE, type AuthConfig, decodeBasicCredentials, isAuthorized, readAuth } from "../../src/worker/auth.js";
import type { Env } from "../../src/worker/env.js";
import app from "../../src/worker/index.js";

/** --auth: the decoder and the compare, then the whole worker with AUTH_REQUIRED="1" (an Env built here). */
const basic = (credential: string) => `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(credential)))}`;
const ON: AuthConfig = { kind: "basic", credential: "billy:s3cret:pass" };
const AUTH_ENV: Env = { ...(env as Env), AUTH_REQUIRED: "1", EDGESERVE_AUTH: "billy:s3cret" };
const fetchWith = (workerEnv: Env, path: string, init?: RequestInit) =>
  app.fetch(new Request(`http://example.com${path}`, { redirect: "manual", ...init }), workerEnv);

describe("decodeBasicCredentials", () => {
  it.each<[string | null, string | null]>([
    [null, null],
    ["", null],
    ["Basic", null],
    ["Basic ", null],
    [basic("a:b"), "a:b"],
    [`basic ${btoa("a:b")}`, "a:b"],
    [`BASIC   ${btoa("a:b")}  `, "a:b"],
    [`Bearer ${btoa("a:b")}`, null],
    ["Basic !!!!", null],
    ["Basic YTpi=x", null],
    ["Basic a", null],
    [`Basic ${btoa("a:b")}, Basic ${btoa("c:d")}`, null],
  ])("decodes %j to %j", (header, expected) => {
    const bytes = decodeBasicCredentials(header);
    expect(bytes === null ? null : new TextDecoder().decode(bytes)).toBe(expected);
  });
});

describe("isAuthorized", () => {
  it.each<[string, AuthConfig, string | null, boolean]>([
    ["off lets anything in", { kind: "off" }, null, true],
    ["the right credential", ON, basic("billy:s3cret:pass"), true],
    ["a colon in the password is part of it", ON, basic("billy:s3cret"), false],
    ["a wrong password", ON, basic("billy:s3cret:pasS"), false],
    ["a wrong user", ON, basic("Billy:s3cret:pass"), false],
    ["a longer credential", ON, basic("billy:s3cret:pass "), false],
    ["no header", ON, null, false],
    ["an empty credential", ON, basic(""), false],
    ["no credential configured lets nobody in", { kind: "basic", credential: null }, basic(":"), false],
    ["UTF-8 credentials (RFC 7617 charset)", { kind: "basic", credential: "jürgen:päss" }, basic("jürgen:päss"), true],
  ])("%s", async (_name, auth, header, expected) => {
    expect(await isAuthorized(header, auth)).toBe(expected);
  });
});

describe("readAuth", () => {
  it.each<[string | undefined, string | undefined, AuthConfig]>([
    [undefined, "a:b", { kind: "off" }],
    ["0", "a:b", { kind: "off" }],
    ["1", "a:b", { kind: "basic", credential: "a:b" }],
    ["1", undefined, { kind: "basic", credential: null }],
    ["1", "no-colon", { kind: "basic", credential: null }],
  ])("AUTH_REQUIRED=%j with secret %j", (required, secret, expected) => {
    expect(readAuth(required, secret)).toEqual(expected);
  });
});

describe("the worker with --auth", () => {
  it.each(["/", "/hello.txt", "/nested/", "/nested", "/nope", "/hello?name=Billy", "/.env", "/%00"])(
    "%s without credentials is 401 with the challenge, telling nothing",
    async (path) => {
      const response = await fetchWith(AUTH_ENV, path);
      expect(response.status).toBe(401);
      expect(response.headers.get("WWW-Authenticate")).toBe(AUTH_CHALLENGE);
      expect(response.headers.get("Location")).toBeNull();
      const body = await response.text();
      expect(body).not.toContain(path.split("?")[0]?.slice(1) || "\u0000");
      expect(body).not.toContain("custom 404");
    },
  );

  it("gives every refused path the same body", async () => {
    const bodies = await Promise.all(["/hello.txt", "/nope", "/nested/"].map(async (path) => (await fetchWith(AUTH_ENV, path)).text()));
    expect(new Set(bodies).size).toBe(1);
  });

  it("serves with the right credential and refuses a wrong one", async () => {
    const ok = await fetchWith(AUTH_ENV, "/hello.txt", { headers: { Authorization: basic("billy:s3cret") } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("Hello, edgeserve!\n");
    const wrong = await fetchWith(AUTH_ENV, "/hello.txt", { headers: { Authorization: basic("billy:s3cre") } });
    expect(wrong.status).toBe(401);
    await wrong.arrayBuffer();
  });

  it("asks for credentials on OPTIONS and HEAD too", async () => {
    for (const method of ["OPTIONS", "HEAD", "DELETE"]) expect((await fetchWith(AUTH_ENV, "/hello.txt", { method })).status).toBe(401);
  });

  it("lets a CORS preflight through without credentials only when --cors is on", async () => {
    const preflight = {
      method: "OPTIONS",
      headers: { Origin: "https://a.example", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization" },
    };
    const withCors = await fetchWith({ ...AUTH_ENV, CORS: "1" }, "/hello.txt", preflight);
    expect(withCors.status).toBe(204);
    expect(withCors.headers.get("Access-Control-Allow-Headers")).toBe("authorization");
    expect((await fetchWith(AUTH_ENV, "/hello.txt", preflight)).status).toBe(401);
  });

  it("asks for a password when one is required but no secret reached the worker", async () => {
    const response = await fetchWith({ ...(env as Env), AUTH_REQUIRED: "1" }, "/hello.txt", {
      headers: { Authorization: basic("billy:s3cret") },
    });
    expect(response.status).toBe(401);
    await response.arrayBuffer();
  });

  it("ignores an inherited secret when the version does not ask for a password", async () => {
    const response = await fetchWith({ ...(env as Env), EDGESERVE_AUTH: "billy:s3cret" }, "/hello.txt");
    expect(response.status).toBe(200);
    await response.arrayBuffer();
  });
});
