import { describe, expect, it } from "vitest";
import { createIgnoreRules, isHiddenPath, type Refusal, refuseName } from "../../src/manifest/rules.js";

describe("refuseName", () => {
  it.each<[string, Refusal | null]>([
    ["index.html", null],
    ["a b.txt", null],
    ["日本語.txt", null],
    ["😀", null],
    ["<script>alert(1)<!-- x.txt", null],
    ["a.", null],
    ["...txt", "hidden"],
    [".env", "hidden"],
    [".git", "hidden"],
    [".dev.vars", "hidden"],
    [".", "hidden"],
    ["..", "hidden"],
    ["", "unsafe-name"],
    ["a\\b", "unsafe-name"],
    ["a\u0000b", "unsafe-name"],
    ["a\nb", "unsafe-name"],
    ["a\rb", "unsafe-name"],
    ["tab\there", "unsafe-name"],
    ["del\u007f", "unsafe-name"],
    ["\u001f", "unsafe-name"],
  ])("answers %j with %j", (name, expected) => {
    expect(refuseName(name, "")).toBe(expected);
  });

  it.each<[string, string, Refusal | null]>([
    [".well-known", "", null],
    [".well-known", "docs", "hidden"],
    [".well-known", "docs/deeper", "hidden"],
    [".env", ".well-known", "hidden"],
    ["security.txt", ".well-known", null],
    [".Well-Known", "", "hidden"],
    [".well-known.bak", "", "hidden"],
    [".well-knownx", "", "hidden"],
  ])("answers %j in %j with %j (RFC 8615: .well-known at the root only)", (name, directoryKey, expected) => {
    expect(refuseName(name, directoryKey)).toBe(expected);
  });
});

describe("isHiddenPath", () => {
  it.each<[string[], boolean]>([
    [[], false],
    [["a", "b.txt"], false],
    [[".well-known", "security.txt"], false],
    [[".well-known", "acme-challenge", "token"], false],
    [[".well-known", ".secret"], true],
    [["docs", ".well-known", "x"], true],
    [[".git", "HEAD"], true],
    [["a", ".env"], true],
  ])("%j is hidden: %j", (segments, expected) => {
    expect(isHiddenPath(segments)).toBe(expected);
  });
});

describe("createIgnoreRules", () => {
  it("ignores nothing without an .assetsignore", () => {
    const isIgnored = createIgnoreRules(null);
    expect(isIgnored("a.log", false)).toBe(false);
    expect(isIgnored("build", true)).toBe(false);
  });

  it("ignores nothing for an empty or comment-only .assetsignore", () => {
    expect(createIgnoreRules("")("a.log", false)).toBe(false);
    expect(createIgnoreRules("# *.log\n\n")("a.log", false)).toBe(false);
  });

  it.each<[string, string, boolean, boolean]>([
    ["*.log", "a.log", false, true],
    ["*.log", "deep/down/a.log", false, true],
    ["*.log", "a.log.txt", false, false],
    ["build/", "build", true, true],
    ["build/", "build", false, false],
    ["build/", "src/build", true, true],
    ["/build", "src/build", true, false],
    ["/build", "build", true, true],
    ["secret.txt", "secret.txt", false, true],
    // Case-insensitive, as wrangler's createAssetsIgnoreFunction (the `ignore` package's default) matches.
    ["secret.txt", "Secret.txt", false, true],
    ["*.log\n!keep.log", "keep.log", false, false],
    ["*.log\n!keep.log", "drop.log", false, true],
    ["drafts/**", "drafts/a/b.md", false, true],
    ["# comment\n*.tmp", "x.tmp", false, true],
    ["\\#literal", "#literal", false, true],
    ["*.log\r\n*.tmp\r\n", "x.tmp", false, true],
    ["日本/", "日本", true, true],
  ])("with rules %j, answers %j (directory: %s) as ignored: %s", (rules, relativePath, isDirectory, expected) => {
    expect(createIgnoreRules(rules)(relativePath, isDirectory)).toBe(expected);
  });
});
