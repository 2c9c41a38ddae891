import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFolder, type RunningCli, startCli } from "../helpers/cli.js";

/** raw, malformed and oversize requests over a real socket never get a 5xx or leak. */

async function sendRaw(port: number, payload: string): Promise<{ status: number; head: string; milliseconds: number }> {
  const started = Date.now();
  const head = await new Promise<string>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let data = "";
    socket.on("data", (chunk: Buffer) => {
      data += chunk.toString("latin1");
      if (data.includes("\r\n\r\n")) {
        socket.destroy();
        resolve(data.slice(0, data.indexOf("\r\n\r\n")));
      }
    });
    socket.on("error", () => resolve(data));
    socket.on("close", () => resolve(data));
    socket.setTimeout(10_000, () => socket.destroy());
    socket.write(payload);
  });
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
  return { status, head, milliseconds: Date.now() - started };
}

const request = (target: string, headers = "") => `GET ${target} HTTP/1.1\r\nHost: x\r\n${headers}Connection: close\r\n\r\n`;

describe("hostile requests", () => {
  let server: RunningCli;
  let port = 0;
  beforeAll(async () => {
    const folder = await makeFolder({ "a.txt": "a\n", "docs/b.txt": "b\n", ".env": "SECRET=1\n" });
    server = await startCli([folder, "--port", "0", "--quiet"]);
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.each([
    ["an unknown protocol", "GET / FUBAR\r\n\r\n", [400]],
    ["HTTP/9.9", "GET / HTTP/9.9\r\nHost: x\r\n\r\n", [400, 505]],
    ["an absolute-form target", request("http://x/a.txt"), [200]],
    ["a target without a leading slash", request("a.txt"), [200, 400, 404]],
    ["CR/LF encoded in the path", request("/a%0d%0aX-Injected:%20yes"), [400]],
    ["a protocol-relative path", request("//evil.example/docs"), [404]],
    ["a backslash path", request("/\\evil.example/"), [400, 404]],
    ["traversal", request("/docs/../../../etc/passwd"), [404]],
    ["encoded traversal", request("/docs/%2e%2e/%2e%2e/.env"), [404]],
    ["double-encoded traversal", request("/%252e%252e/.env"), [404]],
    ["a 100,000-byte query", request(`/?q=${"a".repeat(100_000)}`), [414, 431]],
    ["200,000 bytes of headers", request("/", `X-Big: ${"a".repeat(200_000)}\r\n`), [431]],
    ["a POST", "POST /a.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc", [405]],
    // Each of these once ended the whole process (an invalid Host made the worker's URL parse throw).
    ...["a b", "1.2.3.4.5", "127.0.0.1:abc", "[::1", "256.0.0.1", "x\r\nHost: y"].map((host): [string, string, number[]] => [
      `Host: ${host}`,
      `GET /a.txt HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      [200],
    ]),
    ["OPTIONS * with a port in Host", "OPTIONS * HTTP/1.1\r\nHost: x:80\r\nConnection: close\r\n\r\n", [204]],
    [
      "DELETE with Upgrade: websocket",
      request("/a.txt", "Upgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n").replace(
        "GET",
        "DELETE",
      ),
      [405],
    ],
    [
      "a bad chunk size",
      "POST /a.txt HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
      [400, 405],
    ],
    ["a body shorter than its Content-Length", "POST /a.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\n", [405]],
    [
      "Expect: 100-continue with no body",
      "OPTIONS /a.txt HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 10\r\nConnection: close\r\n\r\n",
      [100, 204],
    ],
    // The runtime's parser answers these before any code of ours runs (README, "Never down").
    ["a lowercase method", "get /a.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", [501]],
  ])("%s gets a fast 4xx (or the file), never a 5xx or a leak", async (_label, payload, statuses) => {
    const { status, head, milliseconds } = await sendRaw(port, payload);
    expect(statuses).toContain(status);
    expect(head).not.toMatch(/^X-Injected/im);
    expect(head).not.toMatch(/^Location: *\/\//im);
    expect(milliseconds).toBeLessThan(5_000);
    expect((await fetch(`http://127.0.0.1:${port}/a.txt`)).status).toBe(200);
  });
});
