import { describe, expect, it } from "vitest";
import { toJsLiteral } from "../../bench/lib/fuzz-report.js";

/** a reproducer must carry the exact bytes the fuzzer sent. */
const evaluate = (literal: string): Buffer => Buffer.from(new Function(`return ${literal}`)() as string, "latin1");

describe("toJsLiteral", () => {
  it.each([
    ["a plain request", Buffer.from("GET / HTTP/1.1\r\nHost: x\r\n\r\n")],
    ["quotes, backslashes and a single quote", Buffer.from(`"\\'`)],
    ["every byte value", Buffer.from(Array.from({ length: 256 }, (_, index) => index))],
    ["long runs", Buffer.concat([Buffer.from("X: "), Buffer.alloc(100_000, "a"), Buffer.from("\r\n"), Buffer.alloc(40, 0)])],
    ["nothing", Buffer.alloc(0)],
  ])("round-trips %s", (_label, bytes) => {
    const literal = toJsLiteral(bytes);
    expect(evaluate(literal).equals(bytes)).toBe(true);
    expect(literal).not.toContain("'");
  });

  it("writes long runs as .repeat so a 100 KB header stays one short line", () => {
    expect(toJsLiteral(Buffer.alloc(100_000, "a"))).toBe('"a".repeat(100000)');
  });
});
