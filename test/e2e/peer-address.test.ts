import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The request log would carry the client's address. What the runtime gives a worker behind
 * one of Miniflare's direct sockets (how edgeserve listens, src/cli/runtime.ts), pinned here so
 * a Miniflare or workerd upgrade that changes it is noticed:
 * - no peer address at all: no CF-Connecting-IP header, `request.cf` undefined;
 * - both can be set by the client: CF-Connecting-IP passes through, and the socket is configured
 *   with cfBlobHeader "MF-CF-Blob", so a client's header becomes `request.cf`.
 * workerd's HttpOptions (workerd.capnp) has style, forwardedProtoHeader, cfBlobHeader,
 * injectRequestHeaders (fixed values) and capnpConnectHost: nothing that carries the peer.
 */
const ECHO = `export default { fetch(request) { return Response.json({ ip: request.headers.get("CF-Connecting-IP"), cf: request.cf ?? null }); } }`;

let miniflare: Miniflare;
let direct: URL;

beforeAll(async () => {
  miniflare = new Miniflare({
    compatibilityDate: "2026-04-01",
    modules: true,
    script: ECHO,
    cf: false,
    unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
  });
  direct = await miniflare.unsafeGetDirectURL();
});

afterAll(async () => {
  await miniflare.dispose();
});

describe("the peer address on a direct socket", () => {
  it("is not given to the worker", async () => {
    expect(await (await fetch(direct)).json()).toEqual({ ip: null, cf: null });
  });

  it("would come only from headers the client controls", async () => {
    const forged = await fetch(direct, {
      headers: { "CF-Connecting-IP": "203.0.113.9", "MF-CF-Blob": JSON.stringify({ clientIp: "198.51.100.4" }) },
    });
    expect(await forged.json()).toEqual({ ip: "203.0.113.9", cf: { clientIp: "198.51.100.4" } });
  });
});
