/** RFC 9110 §14: one Range header plus the representation's size to what to send. Pure. */

export type RangeDecision = { kind: "full" } | { kind: "partial"; start: number; end: number } | { kind: "unsatisfiable" };

const MAX_RANGE_HEADER_LENGTH = 256;
const SINGLE_RANGE = /^bytes[ \t]*=[ \t]*(\d*)[ \t]*-[ \t]*(\d*)[ \t]*$/i;

/**
 * A missing, malformed or multi-range header gets the full representation (§14.2 lets a
 * server ignore Range; answering several ranges with 200 is never wrong). Numbers are
 * compared as BigInt so that 30-digit positions cannot round into a wrong answer.
 */
export function parseRange(header: string | null, size: number): RangeDecision {
  if (header === null || header.length > MAX_RANGE_HEADER_LENGTH) return { kind: "full" };
  const match = SINGLE_RANGE.exec(header.trim());
  if (!match) return { kind: "full" };
  const [, first = "", last = ""] = match;
  const length = BigInt(size);
  if (first === "" && last === "") return { kind: "full" };
  if (first === "") {
    // Suffix range (§14.1.3): the last N bytes; N = 0 or an empty file cannot be satisfied.
    const suffix = BigInt(last);
    if (suffix === 0n || length === 0n) return { kind: "unsatisfiable" };
    const start = suffix >= length ? 0n : length - suffix;
    return { kind: "partial", start: Number(start), end: size - 1 };
  }
  const start = BigInt(first);
  if (last !== "" && BigInt(last) < start) return { kind: "full" };
  if (start >= length) return { kind: "unsatisfiable" };
  const end = last === "" || BigInt(last) >= length ? length - 1n : BigInt(last);
  return { kind: "partial", start: Number(start), end: Number(end) };
}
