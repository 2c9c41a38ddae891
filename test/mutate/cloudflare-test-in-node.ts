import { readFileSync } from "node:fs";
import path from "node:path";
import app from "../../src/worker/index.js";

/**
 * For `npm run mutate` only, which runs worker tests in Node: `cloudflare:test`'s `env` (the vars of
 * test/wrangler.test.toml and a static-assets binding reading test/.generated/assets) and `SELF`
 * (the worker's own fetch). A fake binding is enough to tell which mutants a test notices; the real
 * suite runs these tests inside workerd on both real bindings.
 */
const ASSETS_ROOT = path.resolve("test/.generated/assets");

const vars = Object.fromEntries(
  [
    ...readFileSync("test/wrangler.test.toml", "utf8")
      .split("[vars]")[1]!
      .matchAll(/^(\w+) = "([^"]*)"$/gm),
  ].map(([, name, value]) => [name, value]),
);

const ASSETS = {
  async fetch(input: string, init?: RequestInit): Promise<Response> {
    const segments = new URL(input).pathname.split("/").filter(Boolean).map(decodeURIComponent);
    try {
      const bytes = readFileSync(path.join(ASSETS_ROOT, ...segments));
      if (init?.method === "HEAD") return new Response(null, { status: 200 });
      return new Response(bytes, { status: 200, headers: { "Content-Length": String(bytes.byteLength) } });
    } catch {
      return new Response("Not Found", { status: 404 });
    }
  },
};

export const env = { ...vars, ASSETS };

export const SELF = {
  fetch: (input: string, init?: RequestInit) => app.fetch(new Request(input, init), env),
};
