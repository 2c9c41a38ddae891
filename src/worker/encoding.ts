import type { FileEntry } from "../shared/manifest.js";
import { createEtag, type Validators } from "./conditional.js";

/**
 * `--compress` (README "Compression"): which coding a file goes out in. Pure. The runtime's own
 * encoder compresses on the fly, brotli included (a Response whose Content-Encoding is set is
 * encoded as it is sent: docs/runtime-facts.md "Compression"); a precompressed sibling is sent as
 * it is.
 */

/** RFC 9110 §8.4.1; deflate is not offered (its wire format was never settled between clients). */
export type ContentCoding = "br" | "gzip";

export interface PrecompressedFile {
  segments: string[];
  entry: FileEntry;
}

/** A file's precompressed copies beside it (`app.js.br`, `app.js.gz`), from the manifest. */
export type PrecompressedSiblings = Partial<Record<ContentCoding, PrecompressedFile>>;

export type Representation =
  /** `couldBeEncoded`: another request could have got this file encoded, so caches must Vary. */
  | { kind: "identity"; couldBeEncoded: boolean }
  | { kind: "precompressed"; coding: ContentCoding; file: PrecompressedFile }
  | { kind: "on-the-fly"; coding: ContentCoding };

/** Below this a compressed answer saves less than its headers and a round of the encoder cost. */
export const MIN_COMPRESS_BYTES = 1024;

export const SIBLING_SUFFIXES: Readonly<Record<ContentCoding, string>> = { br: ".br", gzip: ".gz" };

// Text and text-like types; images, video, audio, fonts and archives are compressed already.
// wasm is included: it shrinks by half or more, and browsers take it with a Content-Encoding.
const COMPRESSIBLE_TYPE =
  /^(?:text\/[^;]+|application\/(?:json|javascript|ecmascript|xml|wasm|x-javascript)|image\/svg\+xml|[a-z]+\/[^;]+\+(?:json|xml))\s*(?:;|$)/i;

export function isCompressible(entry: FileEntry): boolean {
  return entry.size >= MIN_COMPRESS_BYTES && COMPRESSIBLE_TYPE.test(entry.contentType);
}

export interface RepresentationInput {
  acceptEncoding: string | null;
  hasRange: boolean;
  entry: FileEntry;
  siblings: PrecompressedSiblings;
}

/**
 * A Range gets identity bytes, so positions mean the file's own. A sibling is used only when it
 * is not older than the file (an older one may hold a previous version). At equal quality a
 * precompressed sibling beats on-the-fly work, and br beats gzip.
 */
export function chooseRepresentation({ acceptEncoding, hasRange, entry, siblings }: RepresentationInput): Representation {
  const fresh = (["br", "gzip"] as const).filter((coding) => (siblings[coding]?.entry.mtimeMs ?? -Infinity) >= entry.mtimeMs);
  const onTheFly: ContentCoding[] = isCompressible(entry) ? ["br", "gzip"] : [];
  if (fresh.length === 0 && onTheFly.length === 0) return { kind: "identity", couldBeEncoded: false };
  if (hasRange) return { kind: "identity", couldBeEncoded: true };
  const coding = negotiateEncoding(acceptEncoding, [...fresh, ...onTheFly]);
  if (coding === null) return { kind: "identity", couldBeEncoded: true };
  const sibling = siblings[coding];
  return sibling !== undefined && fresh.includes(coding)
    ? { kind: "precompressed", coding, file: sibling }
    : { kind: "on-the-fly", coding };
}

/**
 * The offered coding the client ranks highest (RFC 9110 §12.5.3), ties to the earlier offered;
 * null for identity. No header means identity: any coding would be allowed, but curl and
 * scripts that send none expect the bytes of the file. When nothing offered is acceptable,
 * identity is sent even if `identity;q=0` forbids it (§12.5.3 allows disregarding the header).
 */
export function negotiateEncoding(acceptEncoding: string | null, offered: readonly ContentCoding[]): ContentCoding | null {
  if (acceptEncoding === null || acceptEncoding.length > 1024) return null;
  const qualities = parseAcceptEncoding(acceptEncoding);
  let best: ContentCoding | null = null;
  let bestQuality = 0;
  for (const coding of offered) {
    const quality = qualities.get(coding) ?? qualities.get("*") ?? 0;
    if (quality > bestQuality) [best, bestQuality] = [coding, quality];
  }
  return best;
}

function parseAcceptEncoding(header: string): Map<string, number> {
  const qualities = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name = "", ...parameters] = part.split(";").map((piece) => piece.trim().toLowerCase());
    const q = parameters.find((parameter) => /^q\s*=/.test(parameter));
    const quality = q === undefined ? 1 : parseQuality(q.slice(q.indexOf("=") + 1).trim());
    // §8.4.1.3: x-gzip is gzip.
    const coding = name === "x-gzip" ? "gzip" : name;
    if (coding !== "" && quality !== null && !qualities.has(coding)) qualities.set(coding, quality);
  }
  return qualities;
}

/** §12.4.2: a weight is 0 to 1 with at most three decimals; anything else drops its coding. */
function parseQuality(text: string): number | null {
  return /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(text) ? Number(text) : null;
}

/**
 * RFC 9110 §8.8.3: an encoded answer is another representation, so it never shares the file's
 * strong tag. A sibling's bytes are fixed on disk: a strong tag of its own size and time plus
 * the coding. Bytes encoded on the fly may differ between runtime versions: a weak tag, which
 * still answers If-None-Match with 304 (weak comparison, §13.1.2).
 */
export function validatorsFor(entry: FileEntry, representation: Representation): Validators | undefined {
  switch (representation.kind) {
    case "identity":
      return undefined;
    case "precompressed": {
      const { size, mtimeMs } = representation.file.entry;
      return { etag: withSuffix(createEtag(size, mtimeMs), representation.coding), lastModifiedMs: mtimeMs };
    }
    case "on-the-fly":
      return { etag: `W/${withSuffix(createEtag(entry.size, entry.mtimeMs), representation.coding)}`, lastModifiedMs: entry.mtimeMs };
    default:
      return representation satisfies never;
  }
}

function withSuffix(etag: string, coding: ContentCoding): string {
  return `${etag.slice(0, -1)}-${coding === "gzip" ? "gz" : coding}"`;
}
