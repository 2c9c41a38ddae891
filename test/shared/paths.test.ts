import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeRequestPath, encodePath, MAX_PATH_LENGTH, splitRequestUrl } from "../../src/shared/paths.js";

describe("decodeRequestPath", () => {
  it.each([
    ["/", [], false],
    ["", [], false],
    ["/a", ["a"], false],
    ["/a/", ["a"], true],
    ["/a/b.txt", ["a", "b.txt"], false],
    ["//a//b//", ["a", "b"], true],
    ["/a/./b", ["a", "b"], false],
    ["/a/b/..", ["a"], true],
    ["/a/b/.", ["a", "b"], true],
    ["/a/../b", ["b"], false],
    ["/..", [], false],
    ["/../../etc/passwd", ["etc", "passwd"], false],
    ["/a/../../../b", ["b"], false],
    ["/%2e%2e/%2E%2E/etc/passwd", ["etc", "passwd"], false],
    ["/a/%2e%2e/b", ["b"], false],
    ["/a/%2e/b", ["a", "b"], false],
    ["/a%2Fb", ["a/b"], false],
    ["/a%2fb/c", ["a/b", "c"], false],
    ["/..%2F..%2Fetc", ["../../etc"], false],
    ["/a%20b", ["a b"], false],
    ["/caf%C3%A9/%F0%9F%98%80.txt", ["café", "😀.txt"], false],
    ["/%E6%97%A5%E6%9C%AC", ["日本"], false],
    ["/100%25", ["100%"], false],
    ["/a+b", ["a+b"], false],
    ["/a?b", ["a?b"], false],
  ])("decodes %j to segments %j (trailing slash %s)", (raw, segments, hasTrailingSlash) => {
    expect(decodeRequestPath(raw)).toEqual({ kind: "path", segments, hasTrailingSlash });
  });

  // The URL parser treats "%2e" and "%2e%2e" as the dot segments "." and "..", which end the path
  // in a slash ("/a/b/%2e%2e" becomes "/a/"); decoded dot segments must do the same as literal ones.
  it.each([
    ["/a/b/%2e%2e", ["a"]],
    ["/a/b/%2E", ["a", "b"]],
    ["/a/b/.%2e", ["a"]],
  ])("treats the encoded final dot segment in %j like a literal one: trailing slash", (raw, segments) => {
    expect(decodeRequestPath(raw)).toEqual({ kind: "path", segments, hasTrailingSlash: true });
  });

  it.each([
    ["/a\\b", "forbidden-character"],
    ["/..\\..\\windows", "forbidden-character"],
    ["/a%5cb", "forbidden-character"],
    ["/a%5C..%5Cb", "forbidden-character"],
    ["/a%00.txt", "forbidden-character"],
    ["/a\u0000b", "forbidden-character"],
    ["/a%0Ab", "forbidden-character"],
    ["/a%0d%0aSet-Cookie:x", "forbidden-character"],
    ["/a%7F", "forbidden-character"],
    ["/a%1Fb", "forbidden-character"],
    ["/%E0%A4%A", "malformed-encoding"],
    ["/%", "malformed-encoding"],
    ["/%zz", "malformed-encoding"],
    ["/a%2", "malformed-encoding"],
    ["/%C0%AE%C0%AE/etc", "malformed-encoding"],
    ["/%C0%AF", "malformed-encoding"],
    ["/%ED%A0%80", "malformed-encoding"],
    ["/%FF", "malformed-encoding"],
    ["/%80", "malformed-encoding"],
  ])("refuses %j as bad-path (%s)", (raw, reason) => {
    expect(decodeRequestPath(raw)).toEqual({ kind: "bad-path", reason });
  });

  it("accepts a path of exactly MAX_PATH_LENGTH characters", () => {
    const raw = `/${"a".repeat(MAX_PATH_LENGTH - 1)}`;
    expect(decodeRequestPath(raw).kind).toBe("path");
  });

  it("answers too-long for a path one character over MAX_PATH_LENGTH, before decoding it", () => {
    expect(decodeRequestPath(`/${"a".repeat(MAX_PATH_LENGTH)}`)).toEqual({ kind: "too-long" });
    expect(decodeRequestPath(`/%${"a".repeat(MAX_PATH_LENGTH)}`)).toEqual({ kind: "too-long" });
  });
});

describe("encodePath", () => {
  it.each([
    [[], false, "/"],
    [[], true, "/"],
    [["a"], false, "/a"],
    [["a"], true, "/a/"],
    [["a b", "c"], true, "/a%20b/c/"],
    [["a/b"], false, "/a%2Fb"],
    [["example.com"], false, "/example.com"],
    [["café", "😀"], false, "/caf%C3%A9/%F0%9F%98%80"],
    [["?x=1#y"], false, "/%3Fx%3D1%23y"],
    [["100%"], false, "/100%25"],
  ])("encodes %j (trailing slash %s) as %j", (segments, hasTrailingSlash, expected) => {
    expect(encodePath(segments, hasTrailingSlash)).toBe(expected);
  });
});

describe("decodeRequestPath properties", () => {
  const anyPath = fc.oneof(
    fc.string({ unit: "binary", maxLength: 80 }),
    fc
      .array(fc.constantFrom("/", ".", "..", "%2e", "%2E", "%2f", "%5c", "%00", "%", "%C0%AE", "\\", "a", "é", "%C3%A9"), { maxLength: 20 })
      .map((parts) => parts.join("")),
  );

  it("never throws, and a decoded path never holds an empty, dot or dot-dot segment", () => {
    fc.assert(
      fc.property(anyPath, (raw) => {
        const result = decodeRequestPath(raw);
        if (result.kind !== "path") return;
        for (const segment of result.segments) {
          expect(["", ".", ".."]).not.toContain(segment);
          expect(segment).not.toMatch(/[\u0000-\u001f\u007f\\]/);
        }
        if (result.segments.length === 0) expect(result.hasTrailingSlash).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it("round-trips: encodePath of decoded segments decodes to the same segments and never starts with //", () => {
    // Pathnames as the URL parser hands them to the worker: percent-encoded, well-formed.
    const wellFormedPath = fc
      .array(fc.oneof(fc.string({ unit: "grapheme", maxLength: 8 }), fc.constantFrom(".", "..", "%2e%2e", "%2F", "a%2Fb")), {
        maxLength: 8,
      })
      .map((parts) => `/${parts.map((part) => (part.includes("%") ? part : encodeURIComponent(part))).join("/")}`);
    fc.assert(
      fc.property(wellFormedPath, fc.boolean(), (raw, hasTrailingSlash) => {
        const decoded = decodeRequestPath(raw);
        if (decoded.kind !== "path") return;
        const encoded = encodePath(decoded.segments, hasTrailingSlash);
        expect(encoded.startsWith("//")).toBe(false);
        const again = decodeRequestPath(encoded);
        expect(again).toEqual({
          kind: "path",
          segments: decoded.segments,
          hasTrailingSlash: hasTrailingSlash && decoded.segments.length > 0,
        });
      }),
      { numRuns: 2000 },
    );
  });
});

describe("splitRequestUrl", () => {
  it.each([
    ["http://example.com/a/b?x=1", "/a/b", "?x=1"],
    ["http://example.com/", "/", ""],
    ["http://example.com", "/", ""],
    ["http://example.com/a?", "/a", ""],
    ["http://example.com/a#frag", "/a", ""],
    ["http://example.com?q", "/", "?q"],
    // What workerd builds from a Host that is no valid authority: new URL() throws on each.
    ["http://a b/docs/?format=json", "/docs/", "?format=json"],
    ["http://1.2.3.4.5/a.txt", "/a.txt", ""],
    ["http://[::1/a.txt", "/a.txt", ""],
    ["http://x, y/a", "/a", ""],
    ["http://127.0.0.1:abc/%2e%2e/x", "/%2e%2e/x", ""],
    // OPTIONS * with a port in Host: no path at all.
    ["http://x:80*", "/", ""],
  ])("splits %s into %s and %s", (url, pathname, search) => {
    const target = splitRequestUrl(url);
    expect(target.pathname).toBe(pathname);
    expect(target.search).toBe(search);
  });

  it("agrees with the URL parser wherever that parser accepts the URL", () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const parsed = new URL(url);
        const target = splitRequestUrl(parsed.href);
        expect(target.pathname).toBe(parsed.pathname);
        expect(target.search).toBe(parsed.search);
        expect([...target.query]).toEqual([...parsed.searchParams]);
      }),
    );
  });
});
