import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyManifestPush, diffManifests, type ManifestDirectories } from "../../src/shared/manifest.js";

describe("manifest pushes", () => {
  it.each<[string, ManifestDirectories, ManifestDirectories, ReturnType<typeof diffManifests>]>([
    ["nothing changed", { "": "[1]", a: "[2]" }, { "": "[1]", a: "[2]" }, { changed: {}, removed: [] }],
    ["a directory changed", { "": "[1]", a: "[2]" }, { "": "[1]", a: "[3]" }, { changed: { a: "[3]" }, removed: [] }],
    ["a directory added", { "": "[1]" }, { "": "[1]", b: "[]" }, { changed: { b: "[]" }, removed: [] }],
    ["a directory gone", { "": "[1]", a: "[2]" }, { "": "[1]" }, { changed: {}, removed: ["a"] }],
  ])("diffs %s", (_name, before, after, expected) => {
    expect(diffManifests(before, after)).toEqual(expected);
  });

  it("a whole push (no base) replaces everything, a change is applied on top, and neither edits its input", () => {
    const before = { "": "[1]", a: "[2]" };
    expect(applyManifestPush(before, { base: null, changed: { b: "[]" }, removed: [] })).toEqual({ b: "[]" });
    expect(applyManifestPush(before, { base: 4, changed: { a: "[3]" }, removed: [""] })).toEqual({ a: "[3]" });
    expect(before).toEqual({ "": "[1]", a: "[2]" });
  });

  it("applying the diff of two manifests to the first gives the second", () => {
    const manifest = fc.dictionary(fc.constantFrom("", "a", "b", "a/b", "c d"), fc.constantFrom("[]", "[1]", "[2]"));
    fc.assert(
      fc.property(manifest, manifest, (before, after) => {
        expect(applyManifestPush(before, { base: 1, ...diffManifests(before, after) })).toEqual(after);
      }),
    );
  });
});
