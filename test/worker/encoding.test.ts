import { describe, expect, it } from "vitest";
import type { FileEntry } from "../../src/shared/manifest.js";
import {
  type ContentCoding,
  chooseRepresentation,
  isCompressible,
  negotiateEncoding,
  type PrecompressedSiblings,
  type Representation,
  validatorsFor,
} from "../../src/worker/encoding.js";
import { validatorsOf } from "../../src/worker/headers.js";

const file = (name: string, size: number, contentType: string, mtimeMs = 5000): FileEntry => ({
  kind: "file",
  name,
  size,
  mtimeMs,
  contentType,
});
const APP = file("app.js", 4096, "text/javascript; charset=utf-8");

describe("negotiateEncoding", () => {
  it.each<[string | null, ContentCoding[], ContentCoding | null]>([
    [null, ["br", "gzip"], null],
    ["", ["br", "gzip"], null],
    ["gzip", ["br", "gzip"], "gzip"],
    ["br", ["br", "gzip"], "br"],
    ["gzip, br", ["br", "gzip"], "br"],
    ["gzip, deflate, br, zstd", ["br", "gzip"], "br"],
    ["gzip;q=1, br;q=0.5", ["br", "gzip"], "gzip"],
    ["gzip ; q=0.8 , br;q=0.9", ["br", "gzip"], "br"],
    ["gzip;q=1.0, br;q=1.000", ["br", "gzip"], "br"],
    ["br;q=0", ["br", "gzip"], null],
    ["br;q=0, gzip", ["br", "gzip"], "gzip"],
    ["*", ["br", "gzip"], "br"],
    ["*", ["gzip"], "gzip"],
    ["*;q=0.5, gzip", ["br", "gzip"], "gzip"],
    ["gzip;q=0, *", ["br", "gzip"], "br"],
    ["*;q=0", ["br", "gzip"], null],
    ["identity;q=0", ["br", "gzip"], null],
    ["identity;q=0, gzip", ["br", "gzip"], "gzip"],
    ["identity", ["br", "gzip"], null],
    ["deflate", ["br", "gzip"], null],
    ["GZIP", ["br", "gzip"], "gzip"],
    ["x-gzip", ["br", "gzip"], "gzip"],
    ["gzip;q=0.000", ["br", "gzip"], null],
    ["gzip;q=abc", ["br", "gzip"], null],
    ["gzip;q=1.5", ["br", "gzip"], null],
    ["gzip;q=0.0001", ["br", "gzip"], null],
    ["gzip, gzip;q=0", ["br", "gzip"], "gzip"],
    ["br", ["gzip"], null],
    ["gzip, br", [], null],
    [`gzip${" ".repeat(1100)}`, ["gzip"], null],
  ])("Accept-Encoding %j offering %j chooses %j", (header, offered, expected) => {
    expect(negotiateEncoding(header, offered)).toBe(expected);
  });
});

describe("isCompressible", () => {
  it.each<[string, number, boolean]>([
    ["text/html; charset=utf-8", 2048, true],
    ["text/css; charset=utf-8", 2048, true],
    ["text/javascript; charset=utf-8", 2048, true],
    ["application/json; charset=utf-8", 2048, true],
    ["application/manifest+json", 2048, true],
    ["application/xml", 2048, true],
    ["application/rss+xml", 2048, true],
    ["image/svg+xml", 2048, true],
    ["application/wasm", 2048, true],
    ["text/plain; charset=utf-8", 1024, true],
    ["text/plain; charset=utf-8", 1023, false],
    ["image/png", 2048, false],
    ["image/jpeg", 2048, false],
    ["video/mp4", 2048, false],
    ["audio/mpeg", 2048, false],
    ["application/zip", 2048, false],
    ["application/gzip", 2048, false],
    ["font/woff2", 2048, false],
    ["application/octet-stream", 2048, false],
    ["application/pdf", 2048, false],
    ["text/", 2048, false],
  ])("%s of %i bytes: %s", (contentType, size, expected) => {
    expect(isCompressible(file("x", size, contentType))).toBe(expected);
  });
});

describe("chooseRepresentation", () => {
  const sibling = (name: string, mtimeMs: number) => ({ segments: ["static", name], entry: file(name, 900, "application/gzip", mtimeMs) });
  const FRESH: PrecompressedSiblings = { br: sibling("app.js.br", 5000), gzip: sibling("app.js.gz", 6000) };
  const summarise = (representation: Representation) =>
    representation.kind === "identity"
      ? `identity${representation.couldBeEncoded ? " (vary)" : ""}`
      : `${representation.kind} ${representation.coding}${representation.kind === "precompressed" ? ` ${representation.file.segments.join("/")}` : ""}`;

  it.each<[string, Partial<Parameters<typeof chooseRepresentation>[0]>, string]>([
    ["uses a fresh .br sibling for a br client", { acceptEncoding: "gzip, br" }, "precompressed br static/app.js.br"],
    ["uses a fresh .gz sibling for a gzip client", { acceptEncoding: "gzip" }, "precompressed gzip static/app.js.gz"],
    ["honours the client's weights over the server's order", { acceptEncoding: "br;q=0.1, gzip" }, "precompressed gzip static/app.js.gz"],
    ["sends identity bytes to a Range", { acceptEncoding: "gzip, br", hasRange: true }, "identity (vary)"],
    ["sends identity bytes without Accept-Encoding", { acceptEncoding: null }, "identity (vary)"],
    ["sends identity bytes when only identity is acceptable", { acceptEncoding: "identity" }, "identity (vary)"],
    ["ignores a sibling older than the file", { acceptEncoding: "br", siblings: { br: sibling("app.js.br", 4999) } }, "on-the-fly br"],
    [
      "uses a sibling exactly as old as the file",
      { acceptEncoding: "br", siblings: { br: sibling("app.js.br", 5000) } },
      "precompressed br static/app.js.br",
    ],
    [
      "prefers a fresh .gz at equal weight over br on the fly",
      { acceptEncoding: "gzip, br", siblings: { gzip: sibling("app.js.gz", 5000) } },
      "precompressed gzip static/app.js.gz",
    ],
    ["compresses on the fly without siblings, br first", { acceptEncoding: "gzip, br", siblings: {} }, "on-the-fly br"],
    ["compresses gzip on the fly for a gzip client", { acceptEncoding: "gzip", siblings: {} }, "on-the-fly gzip"],
    [
      "never compresses a small file on the fly, and says no Vary",
      { acceptEncoding: "gzip, br", siblings: {}, entry: file("a.js", 100, "text/javascript") },
      "identity",
    ],
    [
      "uses a sibling of a small file",
      { acceptEncoding: "br", entry: file("a.js", 100, "text/javascript") },
      "precompressed br static/app.js.br",
    ],
    [
      "never compresses an image on the fly",
      { acceptEncoding: "gzip, br", siblings: {}, entry: file("a.png", 90_000, "image/png") },
      "identity",
    ],
    [
      "answers a small file with only stale siblings as identity without Vary",
      { acceptEncoding: "br", siblings: { br: sibling("a.js.br", 1) }, entry: file("a.js", 100, "text/javascript") },
      "identity",
    ],
  ])("%s", (_behaviour, overrides, expected) => {
    expect(
      summarise(chooseRepresentation({ acceptEncoding: "gzip, br", hasRange: false, entry: APP, siblings: FRESH, ...overrides })),
    ).toBe(expected);
  });
});

describe("validatorsFor", () => {
  const identity = validatorsOf(APP).etag;

  it("keeps the file's own validators for identity bytes", () => {
    expect(validatorsFor(APP, { kind: "identity", couldBeEncoded: true })).toBeUndefined();
  });

  it("gives a sibling a strong tag of its own, marked with the coding", () => {
    const br = file("app.js.br", 900, "application/x-brotli", 7000);
    const validators = validatorsFor(APP, { kind: "precompressed", coding: "br", file: { segments: ["app.js.br"], entry: br } });
    expect(validators).toEqual({ etag: `${validatorsOf(br).etag.slice(0, -1)}-br"`, lastModifiedMs: 7000 });
    expect(validators?.etag).not.toBe(identity);
  });

  it.each<[ContentCoding, string]>([
    ["gzip", "-gz"],
    ["br", "-br"],
  ])("gives %s on the fly a weak tag distinct from the file's", (coding, suffix) => {
    const validators = validatorsFor(APP, { kind: "on-the-fly", coding });
    expect(validators?.etag).toBe(`W/${identity.slice(0, -1)}${suffix}"`);
    expect(validators?.lastModifiedMs).toBe(APP.mtimeMs);
  });
});
