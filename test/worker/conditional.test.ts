import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ConditionalOutcome,
  createEtag,
  evaluatePreconditions,
  formatHttpDate,
  isIfRangeCurrent,
  type Preconditions,
  type Validators,
} from "../../src/worker/conditional.js";

const LAST_MODIFIED_MS = Date.UTC(2024, 4, 15, 12, 30, 45, 678);
const ETAG = createEtag(1234, LAST_MODIFIED_MS);
const VALIDATORS: Validators = { etag: ETAG, lastModifiedMs: LAST_MODIFIED_MS };
const SAME_SECOND = formatHttpDate(LAST_MODIFIED_MS);
const EARLIER = formatHttpDate(LAST_MODIFIED_MS - 1000);
const LATER = formatHttpDate(LAST_MODIFIED_MS + 1000);
const NO_CONDITIONS: Preconditions = { ifMatch: null, ifNoneMatch: null, ifModifiedSince: null, ifUnmodifiedSince: null };

describe("createEtag", () => {
  it("makes a strong, quoted validator from size and mtime in hex", () => {
    expect(createEtag(255, 4096.9)).toBe('"ff-1000"');
    expect(createEtag(0, 0)).toBe('"0-0"');
  });

  it("changes when the size or the mtime changes", () => {
    expect(createEtag(1, 1000)).not.toBe(createEtag(2, 1000));
    expect(createEtag(1, 1000)).not.toBe(createEtag(1, 2000));
  });
});

describe("evaluatePreconditions", () => {
  it.each<[ConditionalOutcome, string, Partial<Preconditions>]>([
    ["proceed", "no conditional headers", {}],
    ["not-modified", "If-None-Match with the current ETag", { ifNoneMatch: ETAG }],
    ["not-modified", "If-None-Match with the weak form of the current ETag", { ifNoneMatch: `W/${ETAG}` }],
    ["not-modified", "If-None-Match with a list holding the current ETag", { ifNoneMatch: `"other", W/"x",${ETAG}` }],
    ["proceed", "If-None-Match with a list not holding it", { ifNoneMatch: '"other", W/"x"' }],
    ["not-modified", "If-None-Match: *", { ifNoneMatch: "*" }],
    ["not-modified", "If-None-Match: * with spaces", { ifNoneMatch: "  *  " }],
    ["proceed", "If-None-Match with the ETag unquoted", { ifNoneMatch: ETAG.slice(1, -1) }],
    ["proceed", "If-None-Match with another ETag", { ifNoneMatch: '"nope"' }],
    ["not-modified", "If-None-Match matching, If-Modified-Since earlier (ignored)", { ifNoneMatch: ETAG, ifModifiedSince: EARLIER }],
    ["proceed", "If-None-Match not matching, If-Modified-Since later (ignored)", { ifNoneMatch: '"nope"', ifModifiedSince: LATER }],
    ["not-modified", "If-Modified-Since in the same second as Last-Modified", { ifModifiedSince: SAME_SECOND }],
    ["not-modified", "If-Modified-Since later than Last-Modified", { ifModifiedSince: LATER }],
    ["proceed", "If-Modified-Since earlier than Last-Modified", { ifModifiedSince: EARLIER }],
    ["proceed", "If-Modified-Since that is not a date", { ifModifiedSince: "yesterday" }],
    ["proceed", "If-Modified-Since that is empty", { ifModifiedSince: "" }],
    ["proceed", "If-Modified-Since far too long to be a date", { ifModifiedSince: `${SAME_SECOND}${" ".repeat(80)}` }],
    ["proceed", "If-Match with the current ETag", { ifMatch: ETAG }],
    ["proceed", "If-Match: *", { ifMatch: "*" }],
    ["proceed", "If-Match with a list holding the current ETag", { ifMatch: `"a", ${ETAG}` }],
    ["precondition-failed", "If-Match with another ETag", { ifMatch: '"nope"' }],
    ["precondition-failed", "If-Match with the weak form of the current ETag (strong comparison)", { ifMatch: `W/${ETAG}` }],
    ["proceed", "If-Match matching, If-Unmodified-Since earlier (ignored)", { ifMatch: ETAG, ifUnmodifiedSince: EARLIER }],
    ["precondition-failed", "If-Unmodified-Since earlier than Last-Modified", { ifUnmodifiedSince: EARLIER }],
    ["proceed", "If-Unmodified-Since in the same second", { ifUnmodifiedSince: SAME_SECOND }],
    ["proceed", "If-Unmodified-Since later", { ifUnmodifiedSince: LATER }],
    ["proceed", "If-Unmodified-Since that is not a date", { ifUnmodifiedSince: "garbage" }],
    // RFC 9110 §13.1.4: an invalid HTTP-date MUST be ignored, not read as 2001-02-01.
    ["proceed", "If-Unmodified-Since that is a bare number, not an HTTP-date", { ifUnmodifiedSince: "2" }],
    ["precondition-failed", "If-Match failing even though If-None-Match would match", { ifMatch: '"nope"', ifNoneMatch: ETAG }],
    ["not-modified", "If-Match passing, then If-None-Match matching", { ifMatch: ETAG, ifNoneMatch: ETAG }],
    [
      "precondition-failed",
      "If-Unmodified-Since failing before If-Modified-Since is looked at",
      { ifUnmodifiedSince: EARLIER, ifModifiedSince: LATER },
    ],
  ])("gives %s for %s", (expected, _description, conditions) => {
    expect(evaluatePreconditions({ ...NO_CONDITIONS, ...conditions }, VALIDATORS)).toBe(expected);
  });

  // RFC 9110 §13.1.3: a value that is not an HTTP-date MUST be ignored. V8's Date.parse reads
  // "2" as 2001-02-01 and "1 2" as 2001-01-02, which would answer 304 for a file from 1999.
  it.each(["2", "1 2", "12"])("ignores If-Modified-Since %j, which is not an HTTP-date, for a file from 1999", (ifModifiedSince) => {
    const old: Validators = { etag: ETAG, lastModifiedMs: Date.UTC(1999, 0, 1) };
    expect(evaluatePreconditions({ ...NO_CONDITIONS, ifModifiedSince }, old)).toBe("proceed");
  });

  // RFC 9110 §5.6.7: recipients accept IMF-fixdate and the two obsolete formats.
  it.each(["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"])(
    "reads If-Modified-Since %j as an HTTP-date",
    (ifModifiedSince) => {
      const validators: Validators = { etag: ETAG, lastModifiedMs: Date.UTC(1994, 10, 6, 8, 49, 37) };
      expect(evaluatePreconditions({ ...NO_CONDITIONS, ifModifiedSince }, validators)).toBe("not-modified");
    },
  );

  it("never lets a weak stored ETag pass If-Match (strong comparison)", () => {
    const weak: Validators = { etag: 'W/"abc"', lastModifiedMs: LAST_MODIFIED_MS };
    expect(evaluatePreconditions({ ...NO_CONDITIONS, ifMatch: 'W/"abc"' }, weak)).toBe("precondition-failed");
    expect(evaluatePreconditions({ ...NO_CONDITIONS, ifMatch: '"abc"' }, weak)).toBe("precondition-failed");
    expect(evaluatePreconditions({ ...NO_CONDITIONS, ifNoneMatch: '"abc"' }, weak)).toBe("not-modified");
  });

  it("never throws on arbitrary header strings", () => {
    const header = fc.option(
      fc.oneof(fc.string({ unit: "binary", maxLength: 100 }), fc.constantFrom("*", ETAG, `W/${ETAG}`, SAME_SECOND, "W/", ",", '""')),
    );
    fc.assert(
      fc.property(
        header,
        header,
        header,
        header,
        fc.integer({ min: -8.64e15, max: 8.64e15 }),
        (ifMatch, ifNoneMatch, ifModifiedSince, ifUnmodifiedSince, lastModifiedMs) => {
          const outcome = evaluatePreconditions(
            { ifMatch, ifNoneMatch, ifModifiedSince, ifUnmodifiedSince },
            { etag: ETAG, lastModifiedMs },
          );
          expect(["proceed", "not-modified", "precondition-failed"]).toContain(outcome);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("formatHttpDate", () => {
  it("writes an IMF-fixdate (RFC 9110 §5.6.7), dropping milliseconds", () => {
    expect(formatHttpDate(LAST_MODIFIED_MS)).toBe("Wed, 15 May 2024 12:30:45 GMT");
  });
});

describe("isIfRangeCurrent", () => {
  it.each<[string | null, boolean]>([
    [null, true],
    [ETAG, true],
    [`  ${ETAG}  `, true],
    [`W/${ETAG}`, false],
    ['"other"', false],
    [`${ETAG}, "other"`, false],
    [SAME_SECOND, true],
    [EARLIER, false],
    [LATER, false],
    ["not a date", false],
    ["", false],
  ])("answers If-Range %j with %s", (ifRange, expected) => {
    expect(isIfRangeCurrent(ifRange, VALIDATORS)).toBe(expected);
  });

  it("never treats a weak stored ETag as current (§13.1.5 needs a strong validator)", () => {
    expect(isIfRangeCurrent('W/"abc"', { etag: 'W/"abc"', lastModifiedMs: 0 })).toBe(false);
  });

  it("never throws on arbitrary header strings", () => {
    fc.assert(
      fc.property(fc.option(fc.string({ unit: "binary", maxLength: 100 })), (ifRange) => {
        expect(typeof isIfRangeCurrent(ifRange, VALIDATORS)).toBe("boolean");
      }),
      { numRuns: 1000 },
    );
  });
});
