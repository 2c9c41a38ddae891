import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createAssetFiles } from "../../src/worker/asset-files.js";
import { createDiskFiles } from "../../src/worker/disk-files.js";
import type { Env } from "../../src/worker/env.js";
import type { FileRead, FileSource } from "../../src/worker/file-source.js";

/**
 * The contract both file bindings must keep (src/worker/file-source.ts), run in each workers
 * project: the static-assets binding in "workers", the disk-directory service in "workers-disk".
 */
const bindings = env as Env & { EXPECTED_FILE_BINDING?: string };
const source: FileSource = bindings.FILES ? createDiskFiles(bindings.FILES) : createAssetFiles(bindings.ASSETS as Fetcher);
const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

async function textOf(read: FileRead): Promise<string> {
  if (read.kind !== "found" || read.body === null) throw new Error(`expected a body, got ${read.kind}`);
  return new Response(read.body).text();
}

describe(`the file source (${bindings.FILES ? "disk" : "assets"})`, () => {
  it("runs on the binding this project is configured with", () => {
    expect(bindings.FILES === undefined ? "assets" : "disk").toBe(bindings.EXPECTED_FILE_BINDING ?? "assets");
  });

  it("reads a whole file with its length", async () => {
    const read = await source.read(["alphabet.txt"], { method: "GET", range: null });
    expect(read).toMatchObject({ kind: "found", length: 36 });
    expect(await textOf(read)).toBe(ALPHABET);
  });

  it.each([
    [0, 0, "0"],
    [10, 15, "abcdef"],
    [30, 35, "uvwxyz"],
    [0, 35, ALPHABET],
  ])("reads exactly bytes %i-%i and still reports the whole length", async (start, end, expected) => {
    const read = await source.read(["alphabet.txt"], { method: "GET", range: { start, end } });
    expect(read).toMatchObject({ kind: "found", length: 36 });
    expect(await textOf(read)).toBe(expected);
  });

  it("answers HEAD without a body", async () => {
    const read = await source.read(["alphabet.txt"], { method: "HEAD", range: null });
    expect(read.kind).toBe("found");
    expect(read.kind === "found" && read.body).toBeNull();
  });

  it("reads a name that needs encoding", async () => {
    expect(await textOf(await source.read(["with space", "100%.txt"], { method: "GET", range: null }))).not.toBe("");
  });

  it.each([[["nope.txt"]], [["nested"]], [["nested", "deeper"]], [[".env"]], [["nested", ".hidden.txt"]]])(
    "answers %j as missing",
    async (segments) => {
      expect((await source.read(segments, { method: "GET", range: null })).kind).toBe("missing");
    },
  );
});
