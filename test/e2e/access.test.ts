import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFolder, type RunningCli, runCli, startCli } from "../helpers/cli.js";

/**
 * --cors, --header, --auth and .well-known/ end to end: `npx edgeserve DIR --port 0 …` on a temp
 * folder, over real sockets, against the workerd config the CLI writes (disk binding included).
 */

const PASSWORD = "Pw-e2e-7f3c9a1b";
const CREDENTIAL = `billy:${PASSWORD}`;
const basic = (credential: string) => `Basic ${Buffer.from(credential).toString("base64")}`;
const PREFLIGHT = {
  Origin: "https://other.example",
  "Access-Control-Request-Method": "GET",
  "Access-Control-Request-Headers": "Authorization, Range",
};

const FILES = {
  "a.txt": "alpha\n",
  "docs/b.txt": "beta\n",
  ".env": "SECRET=1\n",
  ".git/HEAD": "SECRET ref\n",
  ".well-known/security.txt": "Contact: mailto:security@example.com\n",
  ".well-known/.private": "SECRET in well-known\n",
  "docs/.well-known/x.txt": "SECRET nested well-known\n",
};

let folder: string;
const servers: RunningCli[] = [];
beforeAll(async () => {
  folder = await makeFolder(FILES);
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await rm(folder, { recursive: true, force: true });
});

async function start(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningCli> {
  const server = await startCli([folder, "--port", "0", "-q", ...args], { env: { EDGESERVE_AUTH: "", ...env } });
  servers.push(server);
  return server;
}

async function fetchFrom(server: RunningCli, urlPath: string, init: RequestInit = {}): Promise<Response> {
  return fetch(new URL(urlPath, server.url), { redirect: "manual", ...init });
}

/** The workerd config file of a running server, from the command line of the workerd it started. */
function findWorkerdConfig(server: RunningCli): string {
  const table = execFileSync("ps", ["-eo", "pid=,pgid=,args="], { encoding: "utf8" }).split("\n");
  const line = table.find((row) => row.trim().split(/\s+/)[1] === String(server.child.pid) && / serve \S+workerd\.capnp/.test(row));
  const file = / serve (\S+workerd\.capnp)/.exec(line ?? "")?.[1];
  if (file === undefined) throw new Error("no workerd process found for this server");
  return file;
}

describe("without --cors, --header or --auth", () => {
  let server: RunningCli;
  beforeAll(async () => {
    server = await start([]);
  });

  it.each<[string, RequestInit, number, string[]]>([
    [
      "/a.txt",
      { headers: { Origin: "https://other.example" } },
      200,
      ["accept-ranges", "cache-control", "content-length", "content-type", "date", "etag", "last-modified", "x-content-type-options"],
    ],
    [
      "/docs/",
      {},
      200,
      ["cache-control", "content-length", "content-security-policy", "content-type", "date", "vary", "x-content-type-options"],
    ],
    [
      "/nope",
      {},
      404,
      ["cache-control", "content-length", "content-security-policy", "content-type", "date", "vary", "x-content-type-options"],
    ],
    ["/a.txt", { method: "OPTIONS", headers: PREFLIGHT }, 204, ["allow", "date", "x-content-type-options"]],
  ])("%s %j answers %i with exactly the headers it had before", async (urlPath, init, status, names) => {
    const response = await fetchFrom(server, urlPath, init);
    await response.arrayBuffer();
    expect(response.status).toBe(status);
    // fetch adds nothing; workerd itself may add connection headers, which are no answer headers.
    expect([...response.headers.keys()].filter((name) => !["connection", "keep-alive", "transfer-encoding"].includes(name)).sort()).toEqual(
      names,
    );
  });
});

describe("--cors and --header", () => {
  let server: RunningCli;
  beforeAll(async () => {
    server = await start(["--cors", "--header", "X-Frame-Options: DENY", "--header", "Cache-Control: no-store"]);
  });

  it("puts Access-Control-Allow-Origin: * and the added headers on a file, a listing and a 404", async () => {
    for (const urlPath of ["/a.txt", "/docs/", "/nope"]) {
      const response = await fetchFrom(server, urlPath, { headers: { Origin: "https://other.example" } });
      await response.arrayBuffer();
      expect(response.headers.get("Access-Control-Allow-Origin"), urlPath).toBe("*");
      expect(response.headers.get("X-Frame-Options"), urlPath).toBe("DENY");
      expect(response.headers.get("Cache-Control"), urlPath).toBe("no-store");
      expect(response.headers.get("Access-Control-Expose-Headers"), urlPath).toContain("X-Frame-Options");
    }
  });

  it("answers a preflight 204 with the allowed methods and the requested headers", async () => {
    const response = await fetchFrom(server, "/a.txt", { method: "OPTIONS", headers: PREFLIGHT });
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Methods")).toBe("GET, HEAD, OPTIONS");
    expect(response.headers.get("Access-Control-Allow-Headers")).toBe("authorization, range");
    expect(Number(response.headers.get("Access-Control-Max-Age"))).toBeGreaterThan(0);
  });
});

describe("--auth", () => {
  it.each<[string, string[], NodeJS.ProcessEnv]>([
    ["--auth", ["--auth", CREDENTIAL], {}],
    ["EDGESERVE_AUTH", [], { EDGESERVE_AUTH: CREDENTIAL }],
    ["--auth over EDGESERVE_AUTH", ["--auth", CREDENTIAL], { EDGESERVE_AUTH: "other:password" }],
  ])("from %s: 401 without the password, 200 with it, on every path", async (_source, args, env) => {
    const server = await start(["--cors", ...args], env);
    for (const urlPath of ["/", "/a.txt", "/docs/", "/nope", "/hello?name=x", "/.well-known/security.txt"]) {
      const refused = await fetchFrom(server, urlPath);
      const body = await refused.text();
      expect(refused.status, urlPath).toBe(401);
      expect(refused.headers.get("WWW-Authenticate")).toBe('Basic realm="edgeserve", charset="UTF-8"');
      expect(body).not.toMatch(/alpha|beta|docs|security|Contact/);
      const wrong = await fetchFrom(server, urlPath, { headers: { Authorization: basic("other:password") } });
      await wrong.arrayBuffer();
      expect(wrong.status, urlPath).toBe(401);
      const allowed = await fetchFrom(server, urlPath, { headers: { Authorization: basic(CREDENTIAL) } });
      await allowed.arrayBuffer();
      expect(allowed.status, urlPath).not.toBe(401);
    }
    const file = await fetchFrom(server, "/a.txt", { headers: { Authorization: basic(CREDENTIAL) } });
    expect(await file.text()).toBe("alpha\n");
    const preflight = await fetchFrom(server, "/a.txt", { method: "OPTIONS", headers: PREFLIGHT });
    expect(preflight.status).toBe(204);
    expect(server.output().stdout + server.output().stderr).not.toContain(PASSWORD);
  });

  it("keeps the password in a 0600 config inside a 0700 work folder, and off the command lines", async () => {
    const server = await start([], { EDGESERVE_AUTH: CREDENTIAL });
    const config = findWorkerdConfig(server);
    expect(readFileSync(config, "utf8")).toContain(PASSWORD);
    expect(statSync(config).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(config)).mode & 0o777).toBe(0o700);
    // Every process of this server (npx, the CLI, workerd, the watchdog): none carries it in its arguments.
    const group = execFileSync("ps", ["-eo", "pgid=,args="], { encoding: "utf8" })
      .split("\n")
      .filter((row) => row.trim().split(/\s+/)[0] === String(server.child.pid));
    expect(group.some((row) => row.includes("workerd.capnp"))).toBe(true);
    expect(group.join("\n")).not.toContain(PASSWORD);
  });

  it("refuses a malformed --auth with exit 2 and one sentence that does not repeat it", async () => {
    const result = await runCli([folder, "--auth", `no-colon-${PASSWORD}`]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("--auth takes USER:PASS");
    expect(result.stderr).not.toContain(PASSWORD);
  });
});

describe("--header refusals", () => {
  it.each([
    "Content-Length: 1",
    "Transfer-Encoding: chunked",
    "Connection: close",
    "Content-Security-Policy: default-src *",
    "Date: x",
    "X-A: a\rb",
    "Bad Name: 1",
  ])("refuses %j with exit 2 and one sentence", async (header) => {
    const result = await runCli([folder, "--header", header]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^edgeserve: .*--header/);
  });
});

describe(".well-known/", () => {
  let server: RunningCli;
  beforeAll(async () => {
    server = await start([]);
  });

  it("serves and lists .well-known/ at the root through the disk binding", async () => {
    const file = await fetchFrom(server, "/.well-known/security.txt");
    expect(file.status).toBe(200);
    expect(await file.text()).toBe("Contact: mailto:security@example.com\n");
    const listing = (await (await fetchFrom(server, "/.well-known/?format=json")).json()) as { entries: { name: string }[] };
    expect(listing.entries.map(({ name }) => name)).toEqual(["security.txt"]);
    const root = (await (await fetchFrom(server, "/?format=json")).json()) as { entries: { name: string }[] };
    expect(root.entries.map(({ name }) => name).sort()).toEqual([".well-known", "a.txt", "docs"]);
  });

  it.each([
    "/.env",
    "/.git/HEAD",
    "/.well-known/.private",
    "/docs/.well-known/x.txt",
    "/%2eenv",
    "/.edgeserve/manifest",
    "/.edgeserve/",
    "/workerd.capnp",
    "/manifest.js",
    "/../manifest.js",
  ])("%s stays 404", async (urlPath) => {
    const response = await fetchFrom(server, urlPath);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("SECRET");
  });

  it("answers a POST to the control path without its token with 405, never a file", async () => {
    const response = await fetchFrom(server, "/.edgeserve/manifest", { method: "POST", body: "{}" });
    expect(response.status).toBe(405);
    await response.arrayBuffer();
  });

  it("serves a file added to .well-known/ while running", async () => {
    await writeFile(path.join(folder, ".well-known", "added.txt"), "added\n");
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 200; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const response = await fetchFrom(server, "/.well-known/added.txt");
      status = response.status;
      if (status === 200) expect(await response.text()).toBe("added\n");
      else await response.arrayBuffer();
    }
    expect(status).toBe(200);
  });
});
