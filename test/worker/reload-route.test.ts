import { env, SELF } from "cloudflare:test";
import { directories } from "edgeserve:manifest";
import { describe, expect, it } from "vitest";
import { CONTROL_TOKEN_HEADER, MANIFEST_PUSH_PATH, RELOAD_EVENTS_PATH } from "../../src/shared/control.js";
import app from "../../src/worker/index.js";
import { RELOAD_SCRIPT } from "../../src/worker/reload-script.js";

/** The worker with --reload on: the same app, given RELOAD as `edgeserve DIR --reload` binds it. */
const reloadEnv = { ...env, RELOAD: "on", CONTROL_TOKEN: "secret" };
const withReload = (path: string, init?: RequestInit) => app.fetch(new Request(`http://example.com${path}`, init), reloadEnv);
const decoder = new TextDecoder();

describe("--reload on", () => {
  it("adds the script to the folder's HTML files and to edgeserve's own pages", async () => {
    for (const path of ["/home.html", "/", "/nested/", "/missing"]) {
      const response = await withReload(path);
      expect(await response.text(), path).toContain(`<script>${RELOAD_SCRIPT}</script>`);
      expect(response.headers.get("Content-Length"), path).toBeNull();
    }
  });

  it("streams a css event after a push that changed only a stylesheet, and a reload event otherwise", async () => {
    const response = await withReload(RELOAD_EVENTS_PATH);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/event-stream; charset=utf-8");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(decoder.decode((await reader.read()).value)).toContain("retry: 500");
    const push = (generation: number, changedPaths: string[]) =>
      withReload(MANIFEST_PUSH_PATH, {
        method: "POST",
        headers: { [CONTROL_TOKEN_HEADER]: "secret" },
        body: JSON.stringify({ generation, base: null, changed: directories, removed: [], changedPaths }),
      });
    expect((await push(1, ["css/site.css"])).status).toBe(204);
    expect(decoder.decode((await reader.read()).value)).toBe('event: css\nid: 1\ndata: ["css/site.css"]\n\n');
    expect((await push(2, ["home.html"])).status).toBe(204);
    expect(decoder.decode((await reader.read()).value)).toBe('event: reload\nid: 2\ndata: ["home.html"]\n\n');
    await reader.cancel();
  });

  it("answers HEAD on the event path like any hidden path", async () => {
    expect((await withReload(RELOAD_EVENTS_PATH, { method: "HEAD" })).status).toBe(404);
  });
});

describe("--reload off (the default)", () => {
  it("serves HTML byte for byte with its length, and no event stream", async () => {
    const response = await SELF.fetch("http://example.com/home.html");
    const body = await response.text();
    expect(body).not.toContain("<script>");
    expect(response.headers.get("Content-Length")).toBe(String(new TextEncoder().encode(body).byteLength));
    expect(response.headers.get("ETag")).toMatch(/^"/);
    const listing = await SELF.fetch("http://example.com/nested/");
    expect(await listing.text()).not.toContain("EventSource");
    expect(listing.headers.get("Content-Security-Policy")).not.toContain("connect-src");
    const events = await SELF.fetch(`http://example.com${RELOAD_EVENTS_PATH}`);
    expect(events.status).toBe(404);
    await events.arrayBuffer();
  });
});
