import { existsSync, readdirSync, readFileSync, truncateSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateSite } from "../../src/manifest/generate.js";
import { linkFolderOf, renderManifestModule } from "../../src/manifest/write.js";
import { MAX_EDGE_FILE_BYTES } from "../../src/shared/manifest.js";
import { makeTempFolder, type TempFolder } from "../helpers/folder.js";

/** The whole generation, from a real folder into a real work folder beside it. */
let site: TempFolder;
let work: TempFolder;
beforeEach(() => {
  site = makeTempFolder();
  work = makeTempFolder("edgeserve-work-");
  site.write({ "index.html": "home", "docs/guide.md": "guide", "big.bin": "" });
  truncateSync(site.at("big.bin"), MAX_EDGE_FILE_BYTES + 1);
});
afterEach(() => {
  site.remove();
  work.remove();
});

const linked = (out: string) =>
  readdirSync(linkFolderOf(path.join(out, "assets")), { recursive: true })
    .map(String)
    .sort();

describe("generateSite", () => {
  it("writes the manifest module and links every file, large ones included, for local serving", async () => {
    const out = work.at("out");
    const { index, manifest } = await generateSite(site.root, out);
    expect(readFileSync(path.join(out, "manifest.js"), "utf8")).toBe(renderManifestModule(manifest));
    expect(Object.keys(manifest).sort()).toEqual(["", "docs"]);
    expect(index.files.size).toBe(3);
    expect(linked(out)).toEqual(["big.bin", "docs", path.join("docs", "guide.md"), "index.html"]);
  });

  it("links no file over the edge's limit for the edge, yet lists it", async () => {
    const out = work.at("out");
    const { manifest } = await generateSite(site.root, out, { isForEdge: true });
    expect(linked(out)).not.toContain("big.bin");
    expect(manifest[""]).toContain('"big.bin"');
  });

  it("starts the assets folder afresh, so a file gone from the folder leaves no link behind", async () => {
    const out = work.at("out");
    await generateSite(site.root, out);
    site.remove();
    site.write({ "only.txt": "only" });
    await generateSite(site.root, out, { withDigests: true });
    expect(linked(out)).toEqual(["only.txt"]);
    expect(existsSync(path.join(out, "manifest.js"))).toBe(true);
  });
});
