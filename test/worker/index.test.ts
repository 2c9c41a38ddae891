import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

const get = (path: string, init?: RequestInit) => SELF.fetch(`http://example.com${path}`, { redirect: "manual", ...init });

describe("serving the fixture folder", () => {
  it("serves a file byte-for-byte with type and length", async () => {
    const response = await get("/hello.txt");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("Content-Length")).toBe("18");
    expect(await response.text()).toBe("Hello, edgeserve!\n");
  });
});
