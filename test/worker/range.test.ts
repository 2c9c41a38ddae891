import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRange, type RangeDecision } from "../../src/worker/range.js";

const HUGE = "999999999999999999999999999999";
const full: RangeDecision = { kind: "full" };
const unsatisfiable: RangeDecision = { kind: "unsatisfiable" };
const partial = (start: number, end: number): RangeDecision => ({ kind: "partial", start, end });

describe("parseRange", () => {
  it.each<[string | null, number, RangeDecision]>([
    [null, 100, full],
    ["bytes=0-99", 100, partial(0, 99)],
    ["bytes=0-0", 100, partial(0, 0)],
    ["bytes=0-0", 1, partial(0, 0)],
    ["bytes=10-19", 100, partial(10, 19)],
    ["bytes=99-99", 100, partial(99, 99)],
    ["bytes=50-", 100, partial(50, 99)],
    ["bytes=0-", 100, partial(0, 99)],
    ["bytes=-10", 100, partial(90, 99)],
    ["bytes=-1", 100, partial(99, 99)],
    ["bytes=-100", 100, partial(0, 99)],
    ["bytes=-500", 100, partial(0, 99)],
    ["bytes=90-500", 100, partial(90, 99)],
    ["bytes=90-100", 100, partial(90, 99)],
    ["bytes=0-99", 10, partial(0, 9)],
    ["bytes=00005-0009", 100, partial(5, 9)],
    [`bytes=0-${HUGE}`, 100, partial(0, 99)],
    [`bytes=-${HUGE}`, 100, partial(0, 99)],
    [`bytes=${HUGE}-`, 100, unsatisfiable],
    [`bytes=${HUGE}-${HUGE}`, 100, unsatisfiable],
    ["bytes=100-", 100, unsatisfiable],
    ["bytes=100-200", 100, unsatisfiable],
    ["bytes=500-", 100, unsatisfiable],
    ["bytes=-0", 100, unsatisfiable],
    ["bytes=0-", 0, unsatisfiable],
    ["bytes=0-0", 0, unsatisfiable],
    ["bytes=-5", 0, unsatisfiable],
    ["bytes=5-3", 100, full],
    ["bytes=1-0", 100, full],
    ["bytes=0-1,3-4", 100, full],
    ["bytes=0-1, 3-4", 100, full],
    ["bytes=-", 100, full],
    ["bytes=", 100, full],
    ["bytes", 100, full],
    ["", 100, full],
    ["bytes=abc", 100, full],
    ["bytes=1.5-2", 100, full],
    ["bytes=-1-2", 100, full],
    ["bytes=+1-2", 100, full],
    ["bytes=0x10-20", 100, full],
    ["bytes=0-5,", 100, full],
    ["items=0-5", 100, full],
    ["bits=0-5", 100, full],
    ["bytesx=0-5", 100, full],
    ["=0-5", 100, full],
    ["0-5", 100, full],
    ["BYTES=0-5", 100, partial(0, 5)],
    ["  bytes=0-5  ", 100, partial(0, 5)],
    ["bytes = 0 - 5", 100, partial(0, 5)],
    ["bytes=\t0-5", 100, partial(0, 5)],
    ["bytes=٠-٥", 100, full],
    [`bytes=0-${"9".repeat(300)}`, 100, full],
  ])("answers %j for a %i-byte file with %j", (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });

  it("keeps exact positions in a file larger than 4 GiB", () => {
    const size = 2 ** 40 + 7;
    expect(parseRange("bytes=-3", size)).toEqual(partial(size - 3, size - 1));
    expect(parseRange(`bytes=${2 ** 40}-`, size)).toEqual(partial(2 ** 40, size - 1));
  });
});

describe("parseRange properties", () => {
  const digits = fc.string({ unit: fc.constantFrom("0", "1", "2", "5", "9"), maxLength: 32 });
  const rangeLike = fc
    .tuple(
      fc.constantFrom("bytes", "BYTES", "items", ""),
      fc.constantFrom("=", " = ", ""),
      digits,
      fc.constantFrom("-", "--", ""),
      digits,
      fc.constantFrom("", ",0-1", " ", ","),
    )
    .map(([unit, equals, first, dash, last, tail]) => `${unit}${equals}${first}${dash}${last}${tail}`);
  const anyHeader = fc.oneof(fc.constant(null), fc.string({ unit: "binary", maxLength: 300 }), rangeLike);
  const anySize = fc.oneof(fc.nat({ max: 200 }), fc.nat(), fc.maxSafeNat());

  it("never throws, and a partial range always satisfies 0 <= start <= end < size", () => {
    fc.assert(
      fc.property(anyHeader, anySize, (header, size) => {
        const decision = parseRange(header, size);
        if (decision.kind !== "partial") return;
        expect(Number.isSafeInteger(decision.start)).toBe(true);
        expect(Number.isSafeInteger(decision.end)).toBe(true);
        expect(decision.start).toBeGreaterThanOrEqual(0);
        expect(decision.start).toBeLessThanOrEqual(decision.end);
        expect(decision.end).toBeLessThan(size);
      }),
      { numRuns: 2000 },
    );
  });

  it("serves exactly the last N bytes for bytes=-N when N is at most the size", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }), (size, suffix) => {
        fc.pre(suffix <= size);
        const decision = parseRange(`bytes=-${suffix}`, size);
        expect(decision).toEqual(partial(size - suffix, size - 1));
      }),
      { numRuns: 1000 },
    );
  });
});
