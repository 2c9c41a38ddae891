import { truncate } from "node:fs/promises";
import { connect, type Socket } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { treeRss } from "../../bench/lib/processes.js";
import { makeFolder, type RunningCli, startCli } from "../helpers/cli.js";

/**
 * Memory is bounded by design (README, "Never down"): bodies stream from the disk binding with
 * backpressure, so a client that asks for the largest file and never reads costs socket buffers,
 * not the file. Measured: 100 such clients on a 24 MiB file added ~80 MiB to the process tree.
 */
const STALLED_CLIENTS = 60;
const BOUND_PER_CLIENT_BYTES = 2 * 1024 * 1024;
const FILE_BYTES = 24 * 1024 * 1024;

describe("clients that never read", () => {
  let server: RunningCli;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    const folder = await makeFolder({ "a.txt": "a\n", "big.bin": "" });
    await truncate(path.join(folder, "big.bin"), FILE_BYTES);
    server = await startCli([folder, "--port", "0", "--quiet"], { direct: true });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await server?.stop();
  });

  it(`cost at most ${BOUND_PER_CLIENT_BYTES / 2 ** 20} MiB each, and the server keeps answering`, async () => {
    const pid = server.child.pid ?? 0;
    const { port } = new URL(server.url);
    await (await fetch(new URL("a.txt", server.url))).arrayBuffer();
    const before = treeRss(pid);
    for (let index = 0; index < STALLED_CLIENTS; index += 1) {
      const socket = connect(Number(port), "127.0.0.1");
      socket.write(`GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n`);
      socket.pause();
      sockets.push(socket);
    }
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const growth = treeRss(pid) - before;
    expect(growth).toBeLessThan(STALLED_CLIENTS * BOUND_PER_CLIENT_BYTES);
    const response = await fetch(new URL("a.txt", server.url), { signal: AbortSignal.timeout(10_000) });
    expect(await response.text()).toBe("a\n");
  });
});
