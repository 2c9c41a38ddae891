import { describe, expect, it } from "vitest";
import type { FileEntry } from "../../src/shared/manifest.js";
import { decideFile, type FileOutcome } from "../../src/worker/file.js";
import {
  type ByteRange,
  encodeSegments,
  type FileRead,
  type FileSource,
  fetchWithRetry,
  type ReadRequest,
  sliceStream,
} from "../../src/worker/file-source.js";
import { validatorsOf } from "../../src/worker/headers.js";

/** The file decision on plain values: a fake FileSource stands in for the binding. */
const TEXT = "0123456789abcdefghijklmnopqrstuvwxyz";
const ENTRY: FileEntry = { kind: "file", name: "alphabet.txt", size: TEXT.length, mtimeMs: 1_700_000_000_000, contentType: "text/plain" };
const ETAG = validatorsOf(ENTRY).etag;

interface FakeSource extends FileSource {
  reads: ReadRequest[];
}

/** A binding holding `content` now (which may differ from the manifest's ENTRY). */
function fakeSource(
  content: string | null,
  { maxFileBytes = Number.POSITIVE_INFINITY, failures = [] as FileRead["kind"][] } = {},
): FakeSource {
  const reads: ReadRequest[] = [];
  return {
    maxFileBytes,
    reads,
    async read(_segments, request) {
      reads.push(request);
      const failure = failures.shift();
      if (failure !== undefined && failure !== "found") return { kind: failure };
      if (content === null) return { kind: "missing" };
      const bytes = request.range === null ? content : content.slice(request.range.start, request.range.end + 1);
      return { kind: "found", length: content.length, body: request.method === "HEAD" ? null : new Response(bytes).body };
    },
  };
}

async function decide(source: FileSource, headers: Record<string, string> = {}, method: "GET" | "HEAD" = "GET") {
  const outcome = await decideFile({ method, headers: new Headers(headers), files: source, segments: ["alphabet.txt"], entry: ENTRY });
  const text = outcome.kind === "content" && outcome.body !== null ? await new Response(outcome.body).text() : null;
  return { outcome, text };
}

const kindOf = (outcome: FileOutcome) => outcome.kind;

describe("decideFile", () => {
  it("serves the whole file with the manifest's validators", async () => {
    const { outcome, text } = await decide(fakeSource(TEXT));
    expect(outcome).toMatchObject({ kind: "content", length: 36, range: null, validators: { etag: ETAG } });
    expect(text).toBe(TEXT);
  });

  it.each<[string, Record<string, string>, FileOutcome["kind"]]>([
    ["304 for a matching If-None-Match", { "If-None-Match": ETAG }, "not-modified"],
    ["412 for a failing If-Match", { "If-Match": '"other"' }, "precondition-failed"],
    ["416 for a range past the end", { Range: "bytes=36-" }, "unsatisfiable"],
  ])("answers %s without reading any byte", async (_name, headers, kind) => {
    const source = fakeSource(TEXT);
    expect(kindOf((await decide(source, headers)).outcome)).toBe(kind);
    expect(source.reads).toEqual([]);
  });

  it("asks the binding for the decided range, never the client's header", async () => {
    const source = fakeSource(TEXT);
    const { outcome, text } = await decide(source, { Range: "bytes=-6" });
    expect(source.reads).toEqual([{ method: "GET", range: { start: 30, end: 35 } }]);
    expect(outcome).toMatchObject({ kind: "content", range: { start: 30, end: 35 }, length: 36 });
    expect(text).toBe("uvwxyz");
  });

  it("ignores a Range whose If-Range names another version", async () => {
    const source = fakeSource(TEXT);
    expect((await decide(source, { Range: "bytes=0-0", "If-Range": '"old"' })).text).toBe(TEXT);
  });

  it("serves a changed file whole and without validators when its length disagrees with the manifest", async () => {
    const source = fakeSource("grown: 0123456789abcdefghijklmnopqrstuvwxyz");
    const { outcome, text } = await decide(source, { Range: "bytes=0-3" });
    expect(outcome).toMatchObject({ kind: "content", validators: null, range: null, length: 43 });
    expect(text).toBe("grown: 0123456789abcdefghijklmnopqrstuvwxyz");
    expect(source.reads.map((read) => read.range)).toEqual([{ start: 0, end: 3 }, null]);
  });

  it.each<[string, FileSource, FileOutcome["kind"]]>([
    ["gone when the binding no longer has the file", fakeSource(null), "gone"],
    ["busy when the binding keeps failing", fakeSource(TEXT, { failures: ["busy"] }), "busy"],
    ["too large when the binding cannot hold the file", fakeSource(TEXT, { maxFileBytes: 10 }), "too-large"],
    ["content when the file is exactly as large as the binding can hold", fakeSource(TEXT, { maxFileBytes: 36 }), "content"],
  ])("answers %s", async (_name, source, kind) => {
    expect(kindOf((await decide(source)).outcome)).toBe(kind);
  });

  it("trusts the manifest's length when the binding cannot tell one (HEAD on the static-assets binding)", async () => {
    const source: FileSource = { maxFileBytes: 100, read: async () => ({ kind: "found", length: null, body: null }) };
    const { outcome } = await decide(source, {}, "HEAD");
    expect(outcome).toEqual({ kind: "content", validators: validatorsOf(ENTRY), body: null, length: 36, range: null });
  });

  it("releases the stale body before reading the file again", async () => {
    let isCancelled = false;
    const stale = new ReadableStream<Uint8Array>({
      cancel: () => {
        isCancelled = true;
      },
    });
    const reads: FileRead[] = [
      { kind: "found", length: 3, body: stale },
      { kind: "found", length: 3, body: new Response("new").body },
    ];
    const source: FileSource = { maxFileBytes: 100, read: async () => reads.shift() ?? { kind: "missing" } };
    const { text } = await decide(source);
    expect([isCancelled, text]).toEqual([true, "new"]);
  });

  it.each<[string, FileRead, FileOutcome]>([
    ["gone when the file disappears between the two reads", { kind: "missing" }, { kind: "gone" }],
    ["busy when the second read keeps failing", { kind: "busy" }, { kind: "busy" }],
    [
      "the first read's length when the second cannot tell one",
      { kind: "found", length: null, body: null },
      { kind: "content", validators: null, body: null, length: 7, range: null },
    ],
  ])("answers a file whose length changed with %s", async (_name, second, expected) => {
    const reads: FileRead[] = [{ kind: "found", length: 7, body: null }, second];
    const source: FileSource = { maxFileBytes: 100, read: async () => reads.shift() ?? { kind: "missing" } };
    expect((await decide(source)).outcome).toEqual(expected);
  });

  it("answers HEAD from the manifest's length, reading no body", async () => {
    const source = fakeSource(TEXT);
    const { outcome } = await decide(source, {}, "HEAD");
    expect(outcome).toMatchObject({ kind: "content", body: null, length: 36 });
    expect(source.reads).toEqual([{ method: "HEAD", range: null }]);
  });
});

describe("sliceStream", () => {
  const chunked = (chunks: string[]) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    });
  const slice = (chunks: string[], range: ByteRange) => new Response(sliceStream(chunked(chunks), range)).text();

  it.each<[string[], ByteRange, string]>([
    [["0123456789"], { start: 0, end: 9 }, "0123456789"],
    [["0123456789"], { start: 3, end: 5 }, "345"],
    [["012", "345", "678", "9"], { start: 2, end: 7 }, "234567"],
    [["012", "345", "678", "9"], { start: 3, end: 5 }, "345"],
    [["012", "345", "678", "9"], { start: 9, end: 9 }, "9"],
    [["0", "1", "2"], { start: 1, end: 1 }, "1"],
    [["0123"], { start: 2, end: 10 }, "23"],
  ])("cuts %j to bytes %j", async (chunks, range, expected) => {
    expect(await slice(chunks, range)).toBe(expected);
  });

  it("stops reading the source, and releases it, once the range is sent", async () => {
    let pulls = 0;
    let isCancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        controller.enqueue(new Uint8Array(10));
      },
      cancel() {
        isCancelled = true;
      },
    });
    expect((await new Response(sliceStream(endless, { start: 0, end: 24 })).arrayBuffer()).byteLength).toBe(25);
    expect(pulls).toBeLessThan(6);
    expect(isCancelled).toBe(true);
  });
});

describe("fetchWithRetry", () => {
  it.each([
    [0, "ok", 1],
    [1, "ok", 2],
    [2, "ok", 3],
    [3, null, 3],
  ])("after %i failures, answers %j having tried %i times", async (failures, expected, attempts) => {
    let tries = 0;
    const response = await fetchWithRetry(async () => {
      tries += 1;
      if (tries <= failures) throw new Error("Network connection lost");
      return new Response("ok");
    });
    expect([response === null ? null : await response.text(), tries]).toEqual([expected, attempts]);
  });

  it("waits longer before each retry, and not at all after the last", async () => {
    const times: number[] = [];
    const started = Date.now();
    await fetchWithRetry(async () => {
      times.push(Date.now() - started);
      throw new Error("lost");
    });
    const finished = Date.now() - started;
    expect(times).toHaveLength(3);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(9);
    expect((times[2] ?? 0) - (times[1] ?? 0)).toBeGreaterThanOrEqual(19);
    expect(finished - (times[2] ?? 0)).toBeLessThan(30);
  });
});

describe("encodeSegments", () => {
  it.each<[string[], string]>([
    [["a.txt"], "a.txt"],
    [["docs", "a b.txt"], "docs/a%20b.txt"],
    [["100%", "#?"], "100%25/%23%3F"],
    [["a/b"], "a%2Fb"],
    [["café"], "caf%C3%A9"],
  ])("encodes %j as %s, each segment on its own", (segments, expected) => {
    expect(encodeSegments(segments)).toBe(expected);
  });
});
