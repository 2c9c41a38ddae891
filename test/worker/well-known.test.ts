import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Env } from "../../src/worker/env.js";

/**
 * RFC 8615: .well-known/ at the root is served and listed like any folder (test/fixtures/site has
 * one); every other dot name stays hidden. The Miniflare disk binding of the workers-disk project
 * cannot allow dotfiles (its schema keeps only path and writable), so the file's bytes are checked
 * there end to end through workerd (test/e2e/access.test.ts), and here on the assets binding.
 */
const isDisk = (env as Env & { EXPECTED_FILE_BINDING?: string }).EXPECTED_FILE_BINDING === "disk";
const get = (path: string, init?: RequestInit) => SELF.fetch(`http://example.com${path}`, { redirect: "manual", ...init });

describe(".well-known", () => {
  // Where the binding refuses a file the manifest lists (the test pool's disk binding has no
  // allowDotfiles), the answer is the file decision's 404, never a 5xx or the bytes.
  it(`${isDisk ? "answers 404 for" : "serves"} /.well-known/security.txt on this binding`, async () => {
    const response = await get("/.well-known/security.txt");
    if (isDisk) {
      expect(response.status).toBe(404);
      expect(await response.text()).toContain("removed a moment ago");
      return;
    }
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(await response.text()).toBe("Contact: mailto:security@example.com\n");
  });

  it("lists .well-known/'s files, but not a dot name inside it", async () => {
    const inside = (await (await get("/.well-known/?format=json")).json()) as { entries: { name: string }[] };
    expect(inside.entries.map(({ name }) => name)).toEqual(["security.txt"]);
  });

  it("redirects /.well-known to /.well-known/", async () => {
    const response = await get("/.well-known");
    expect(response.status).toBe(301);
    expect(response.headers.get("Location")).toBe("/.well-known/");
  });

  it.each(["/.well-known/.private", "/.well-known/%2eprivate", "/.env", "/nested/.hidden.txt", "/.edgeserve/manifest"])(
    "%s stays 404",
    async (path) => {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain("SECRET");
    },
  );
});
