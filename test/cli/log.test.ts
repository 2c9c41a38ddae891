import { describe, expect, it } from "vitest";
import { createProgress, formatRequestLine } from "../../src/cli/log.js";

const RECORD = { method: "GET", path: "/a.txt", status: 404, bytes: 12, ms: 3 };
const NOW = new Date("2026-11-25T12:00:00.000Z");

describe("formatRequestLine", () => {
  it("prints time, method, path, status, bytes and ms", () => {
    expect(formatRequestLine(RECORD, "text", false, NOW)).toBe("2026-11-25T12:00:00.000Z GET /a.txt 404 12 3ms");
  });

  it("colours the status by class only when asked", () => {
    expect(formatRequestLine(RECORD, "text", true, NOW)).toContain("\u001b[33m404\u001b[0m");
    expect(formatRequestLine({ ...RECORD, status: 200 }, "text", true, NOW)).toContain("\u001b[32m200\u001b[0m");
  });

  it("prints one parseable JSON object for --log-format json, never coloured", () => {
    const line = formatRequestLine(RECORD, "json", true, NOW);
    expect(JSON.parse(line)).toEqual({ time: "2026-11-25T12:00:00.000Z", ...RECORD });
  });
});

describe("createProgress", () => {
  const streamOf = (isTTY: boolean) => {
    const written: string[] = [];
    return { written, stream: { isTTY, write: (text: string) => written.push(text) > 0 } };
  };

  it("draws one updating line on a terminal and clears it when done", () => {
    const { written, stream } = streamOf(true);
    const progress = createProgress(stream, 0);
    progress.update(1500);
    progress.done();
    expect(written[0]).toMatch(/^\r\u001b\[Kindexing: 1,500 files/);
    expect(written.at(-1)).toBe("\r\u001b[K");
  });

  it("prints nothing when not a terminal", () => {
    const { written, stream } = streamOf(false);
    const progress = createProgress(stream, 0);
    progress.update(1500);
    progress.done();
    expect(written).toEqual([]);
  });
});
