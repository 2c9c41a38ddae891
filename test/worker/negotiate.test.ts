import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { prefersJson } from "../../src/worker/negotiate.js";

describe("prefersJson", () => {
  it.each<[boolean, string | null, string | null]>([
    [false, null, null],
    [false, "", null],
    [true, "application/json", null],
    [true, "Application/JSON", null],
    [false, "text/html", null],
    [false, "*/*", null],
    [false, "text/html, application/json", null],
    [false, "application/json, text/html", null],
    [false, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", null],
    [true, "application/json, */*;q=0.8", null],
    [false, "application/json, text/plain, */*", null],
    [true, "text/html;q=0.5, application/json;q=0.9", null],
    [false, "text/html;q=0.9, application/json;q=0.5", null],
    [false, "text/html;q=0.5, application/json;q=0.5", null],
    [true, "application/json;q=0.2, */*;q=0.1", null],
    [true, "*/*;q=0.1, application/json", null],
    [true, "text/html;q=0.1, */*", null],
    [true, "application/*", null],
    [false, "text/*", null],
    [true, "application/*, text/*;q=0.5", null],
    [false, "application/json;q=0", null],
    [false, "application/json;q=0, */*", null],
    [false, "application/json;q=abc", null],
    [true, "application/json ; q=0.9 , text/html ; q=0.8", null],
    [true, "application/json; charset=utf-8; q=0.9, text/html;q=0.1", null],
    [true, "application/json;Q=0.9, text/html;q=0.1", null],
    [false, "application", null],
    [false, "garbage;;;,,,", null],
    [false, `${"application/json;q=1, ".repeat(60)}`, null],
    [true, null, "json"],
    [true, "text/html", "json"],
    [false, "application/json", "html"],
    [true, "application/json", "xml"],
    [false, "text/html", "JSON"],
  ])("answers %s for Accept %j and ?format=%j", (expected, accept, format) => {
    expect(prefersJson(accept, format)).toBe(expected);
  });

  it("never throws on arbitrary Accept and format values", () => {
    const accept = fc.option(
      fc.oneof(
        fc.string({ unit: "binary", maxLength: 200 }),
        fc
          .array(
            fc.tuple(
              fc.constantFrom("*/*", "text/html", "application/json", "text/*", "application/*", "/", "a/b/c", ""),
              fc.constantFrom("", ";q=0.5", ";q=", ";q=x", ";q=1e400", ";level=1"),
            ),
            { maxLength: 6 },
          )
          .map((parts) => parts.map(([range, parameter]) => `${range}${parameter}`).join(",")),
      ),
    );
    fc.assert(
      fc.property(accept, fc.option(fc.string({ maxLength: 10 })), (acceptValue, format) => {
        expect(typeof prefersJson(acceptValue, format)).toBe("boolean");
      }),
      { numRuns: 2000 },
    );
  });
});
