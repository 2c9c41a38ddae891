import { describe, expect, it } from "vitest";
import type { FileEntry } from "../../src/shared/manifest.js";
import { validatorsOf } from "../../src/worker/headers.js";
import { decideFile, type FileOutcome } from "../../src/worker/file.js";
import { sliceStream, type ByteRange, type FileRead, type FileSource, type ReadRequest } from "../../src/worker/file-source.js";

/** The file decision on plain values: a fake FileSource stands in for the binding. */
const TEXT = "0123456789abcdefghijklmnopqrstuvwxyz";
const ENTRY: FileEntry = { kind: "file", name: "alphabet.txt", size: TEXT.length, mtimeMs: 1_700_000_000_000, contentType: "text/plain" };
const ETAG = validatorsOf(ENTRY).etag;

interface FakeSource extends FileSource {
  reads: ReadRequest[];
}

/** A binding holding `content` now (which may differ from the manifest's ENTRY). */
function fakeSource(content: string | null, { maxFileBytes = Number.POSITIVE_INFINITY, failures = [] as FileRead["kind"][] } = {}): FakeSource {
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
  ])("answers %s", async (_name, source, kind) => {
    expect(kindOf((await decide(source)).outcome)).toBe(kind);
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
