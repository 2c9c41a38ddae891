import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type EntryRecord, MAX_EDGE_FILE_BYTES } from "../../src/shared/manifest.js";
import { createManifestIndex } from "../../src/worker/manifest-index.js";
import { type ResolveInput, resolveRequestPath } from "../../src/worker/resolve.js";

const directoryRecord = (name: string): EntryRecord => [name, -1, 1000, ""];
const fileRecord = (name: string, size = 10): EntryRecord => [name, size, 2000, "text/plain; charset=utf-8"];

const DIRECTORIES: Record<string, EntryRecord[]> = {
  "": [
    directoryRecord("docs"),
    directoryRecord("site"),
    directoryRecord("old"),
    directoryRecord("weird"),
    directoryRecord("a"),
    fileRecord("hello.txt"),
    fileRecord("home.html"),
    fileRecord("huge.bin", MAX_EDGE_FILE_BYTES + 1),
    fileRecord("space name.txt"),
    fileRecord("日本.txt"),
  ],
  docs: [fileRecord("readme.md"), directoryRecord("sub")],
  "docs/sub": [],
  site: [fileRecord("index.htm"), fileRecord("index.html")],
  old: [fileRecord("index.htm")],
  weird: [directoryRecord("index.html")],
  "weird/index.html": [],
  a: [directoryRecord("b")],
  "a/b": [fileRecord("c.txt")],
};

const manifest = createManifestIndex(
  Object.fromEntries(Object.entries(DIRECTORIES).map(([key, records]) => [key, JSON.stringify(records)])),
);
const resolve = (segments: string[], hasTrailingSlash = false, homePage: string[] | null = null) =>
  resolveRequestPath({ segments, hasTrailingSlash, homePage }, manifest);
const summarise = (input: ResolveInput) => {
  const resolution = resolveRequestPath(input, manifest);
  switch (resolution.kind) {
    case "file":
      return { kind: resolution.kind, segments: resolution.segments };
    case "add-slash":
    case "drop-html":
    case "spa-page":
      return { kind: resolution.kind, segments: resolution.segments };
    case "listing":
      return { kind: resolution.kind, segments: resolution.segments, names: resolution.entries.map((entry) => entry.name) };
    case "missing":
      return { kind: resolution.kind };
    default:
      return resolution satisfies never;
  }
};

describe("resolveRequestPath", () => {
  it.each<[string, ResolveInput, ReturnType<typeof summarise>]>([
    [
      "lists the root when no home page is set",
      { segments: [], hasTrailingSlash: false, homePage: null },
      { kind: "listing", segments: [], names: DIRECTORIES[""]!.map(([name]) => name) },
    ],
    [
      "serves the home page at /",
      { segments: [], hasTrailingSlash: false, homePage: ["home.html"] },
      { kind: "file", segments: ["home.html"] },
    ],
    [
      "serves a nested home page at /",
      { segments: [], hasTrailingSlash: false, homePage: ["docs", "readme.md"] },
      { kind: "file", segments: ["docs", "readme.md"] },
    ],
    [
      "falls back to the listing when the home page is missing",
      { segments: [], hasTrailingSlash: false, homePage: ["nope.html"] },
      { kind: "listing", segments: [], names: DIRECTORIES[""]!.map(([name]) => name) },
    ],
    [
      "falls back to the listing when the home page is a directory",
      { segments: [], hasTrailingSlash: false, homePage: ["docs"] },
      { kind: "listing", segments: [], names: DIRECTORIES[""]!.map(([name]) => name) },
    ],
    [
      "resolves an oversized home page like any file (the file decision refuses it where the binding cannot read it)",
      { segments: [], hasTrailingSlash: false, homePage: ["huge.bin"] },
      { kind: "file", segments: ["huge.bin"] },
    ],
    [
      "serves the home page file under its own name too",
      { segments: ["home.html"], hasTrailingSlash: false, homePage: ["home.html"] },
      { kind: "file", segments: ["home.html"] },
    ],
    [
      "serves an exact file",
      { segments: ["hello.txt"], hasTrailingSlash: false, homePage: null },
      { kind: "file", segments: ["hello.txt"] },
    ],
    [
      "serves a unicode file name",
      { segments: ["日本.txt"], hasTrailingSlash: false, homePage: null },
      { kind: "file", segments: ["日本.txt"] },
    ],
    [
      "serves a file name with a space",
      { segments: ["space name.txt"], hasTrailingSlash: false, homePage: null },
      { kind: "file", segments: ["space name.txt"] },
    ],
    [
      "serves a nested file",
      { segments: ["docs", "readme.md"], hasTrailingSlash: false, homePage: null },
      { kind: "file", segments: ["docs", "readme.md"] },
    ],
    [
      "answers missing for a file asked with a trailing slash",
      { segments: ["hello.txt"], hasTrailingSlash: true, homePage: null },
      { kind: "missing" },
    ],
    [
      "resolves a file over the edge's limit like any file",
      { segments: ["huge.bin"], hasTrailingSlash: false, homePage: null },
      { kind: "file", segments: ["huge.bin"] },
    ],
    [
      "redirects a directory without its trailing slash",
      { segments: ["docs"], hasTrailingSlash: false, homePage: null },
      { kind: "add-slash", segments: ["docs"] },
    ],
    [
      "redirects a nested directory without its trailing slash",
      { segments: ["docs", "sub"], hasTrailingSlash: false, homePage: null },
      { kind: "add-slash", segments: ["docs", "sub"] },
    ],
    [
      "lists a directory without an index page",
      { segments: ["docs"], hasTrailingSlash: true, homePage: null },
      { kind: "listing", segments: ["docs"], names: ["readme.md", "sub"] },
    ],
    [
      "lists an empty directory",
      { segments: ["docs", "sub"], hasTrailingSlash: true, homePage: null },
      { kind: "listing", segments: ["docs", "sub"], names: [] },
    ],
    [
      "prefers index.html over index.htm",
      { segments: ["site"], hasTrailingSlash: true, homePage: null },
      { kind: "file", segments: ["site", "index.html"] },
    ],
    [
      "falls back to index.htm",
      { segments: ["old"], hasTrailingSlash: true, homePage: null },
      { kind: "file", segments: ["old", "index.htm"] },
    ],
    [
      "lists a directory whose index.html is itself a directory",
      { segments: ["weird"], hasTrailingSlash: true, homePage: null },
      { kind: "listing", segments: ["weird"], names: ["index.html"] },
    ],
    ["answers missing for an unknown name", { segments: ["nope"], hasTrailingSlash: false, homePage: null }, { kind: "missing" }],
    ["answers missing below a file", { segments: ["hello.txt", "x"], hasTrailingSlash: false, homePage: null }, { kind: "missing" }],
    [
      "answers missing below an unknown directory",
      { segments: ["docs", "nope", "readme.md"], hasTrailingSlash: false, homePage: null },
      { kind: "missing" },
    ],
    [
      "answers missing for a hidden name the walk never produced",
      { segments: [".env"], hasTrailingSlash: false, homePage: null },
      { kind: "missing" },
    ],
    ["answers missing for a case-changed name", { segments: ["HELLO.TXT"], hasTrailingSlash: false, homePage: null }, { kind: "missing" }],
    [
      "answers missing for a name that only prototype lookups know",
      { segments: ["__proto__", "constructor"], hasTrailingSlash: false, homePage: null },
      { kind: "missing" },
    ],
    [
      "answers missing for a single segment holding a slash",
      { segments: ["docs/readme.md"], hasTrailingSlash: false, homePage: null },
      { kind: "missing" },
    ],
    // One segment is one name (paths.ts): "/a%2Fb/c.txt" is the segments ["a/b", "c.txt"], which no
    // walk produced; it must not alias the file a/b/c.txt through the joined directory key "a/b".
    [
      "answers missing for a directory segment holding an encoded slash",
      { segments: ["a/b", "c.txt"], hasTrailingSlash: false, homePage: null },
      { kind: "missing" },
    ],
  ])("%s", (_behaviour, input, expected) => {
    expect(summarise(input)).toEqual(expected);
  });

  it("returns the manifest entry itself for a file", () => {
    const resolution = resolve(["docs", "readme.md"]);
    expect(resolution).toEqual({
      kind: "file",
      segments: ["docs", "readme.md"],
      entry: { kind: "file", name: "readme.md", size: 10, mtimeMs: 2000, contentType: "text/plain; charset=utf-8" },
    });
  });
});

interface Tree {
  files: Set<string>;
  directories: Map<string, Map<string, EntryRecord>>;
}

/** File paths to a consistent tree: every prefix a directory, a clash with an earlier file skipped. */
function buildTree(paths: ReadonlyArray<{ segments: string[] }>): Tree {
  const files = new Set<string>();
  const directories = new Map<string, Map<string, EntryRecord>>([["", new Map()]]);
  for (const { segments } of paths) {
    const prefixes = segments.slice(0, -1).map((_, index) => segments.slice(0, index + 1).join("\u0000"));
    const key = segments.join("\u0000");
    if (prefixes.some((prefix) => files.has(prefix)) || directories.has(key) || files.has(key)) continue;
    segments.forEach((name, index) => {
      const parent = directories.get(segments.slice(0, index).join("\u0000"))!;
      if (index === segments.length - 1) {
        parent.set(name, fileRecord(name, 10));
        files.add(key);
      } else {
        if (!parent.has(name)) parent.set(name, directoryRecord(name));
        const own = segments.slice(0, index + 1).join("\u0000");
        if (!directories.has(own)) directories.set(own, new Map());
      }
    });
  }
  return { files, directories };
}

describe("resolveRequestPath properties", () => {
  const NAMES = ["a", "b", "A", "index.html", "index.htm", "é", "x y", "a.txt", "a.html", "b.html"];
  const treePaths = fc.array(fc.record({ segments: fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 4 }) }), {
    maxLength: 15,
  });
  const requestSegment = fc.oneof(
    fc.constantFrom(...NAMES),
    fc.constantFrom(".env", ".git", ".hidden", "a/b", "a/index.html", "b/a", "__proto__", "constructor"),
  );
  const request = fc.record({
    segments: fc.array(requestSegment, { maxLength: 5 }),
    hasTrailingSlash: fc.boolean(),
    homePage: fc.option(fc.array(requestSegment, { minLength: 1, maxLength: 3 })),
    hasCleanUrls: fc.boolean(),
    spaPage: fc.option(fc.array(requestSegment, { minLength: 1, maxLength: 3 })),
  });

  it("only ever answers with a file, directory or redirect the manifest holds, and never a hidden name", () => {
    fc.assert(
      fc.property(treePaths, request, (paths, input) => {
        const tree = buildTree(paths);
        const directories = Object.fromEntries(
          [...tree.directories].map(([key, children]) => [key.split("\u0000").join("/"), JSON.stringify([...children.values()])]),
        );
        const resolution = resolveRequestPath(input, createManifestIndex(directories));
        const key = (segments: readonly string[]) => segments.join("\u0000");
        switch (resolution.kind) {
          case "file":
          case "spa-page":
            expect(tree.files.has(key(resolution.segments))).toBe(true);
            expect(resolution.segments.some((segment) => segment.startsWith("."))).toBe(false);
            break;
          case "add-slash":
          case "listing":
            expect(tree.directories.has(key(resolution.segments))).toBe(true);
            expect(resolution.segments.some((segment) => segment.startsWith("."))).toBe(false);
            break;
          case "drop-html":
            // Moves to a name the manifest does not hold, whose clean-URL answer is the file itself.
            expect(tree.files.has(key([...resolution.segments.slice(0, -1), `${resolution.segments.at(-1)}.html`]))).toBe(true);
            expect(tree.files.has(key(resolution.segments)) || tree.directories.has(key(resolution.segments))).toBe(false);
            break;
          case "missing":
            break;
          default:
            resolution satisfies never;
        }
      }),
      {
        numRuns: 1000,
        examples: [
          [
            [{ segments: ["a", "b", "a.txt"] }],
            { segments: ["a/b", "a.txt"], hasTrailingSlash: false, homePage: null, hasCleanUrls: true, spaPage: ["a", "b", "a.txt"] },
          ],
        ],
      },
    );
  });
});

describe("resolveRequestPath with --clean-urls and --spa", () => {
  const SITE: Record<string, EntryRecord[]> = {
    "": [
      fileRecord("about.html"),
      fileRecord("index.html"),
      fileRecord("app.html"),
      fileRecord("docs.html"),
      directoryRecord("docs"),
      fileRecord("notes"),
      fileRecord("notes.html"),
      fileRecord(".html"),
      directoryRecord("blog"),
      directoryRecord("page.html"),
      fileRecord("style.css"),
    ],
    docs: [fileRecord("intro.html"), fileRecord("index.html")],
    blog: [],
    "page.html": [],
  };
  const site = createManifestIndex(Object.fromEntries(Object.entries(SITE).map(([key, records]) => [key, JSON.stringify(records)])));
  const clean = (path: string, options: Partial<ResolveInput> = {}) => {
    const segments = path.split("/").filter(Boolean);
    const resolution = resolveRequestPath(
      { segments, hasTrailingSlash: path.endsWith("/") && segments.length > 0, homePage: null, ...options },
      site,
    );
    return `${resolution.kind}${"segments" in resolution ? ` ${resolution.segments.join("/")}` : ""}`;
  };

  it.each<[string, string, string]>([
    ["serves about.html at /about", "/about", "file about.html"],
    ["moves /about.html to /about", "/about.html", "drop-html about"],
    ["serves a nested page at its clean address", "/docs/intro", "file docs/intro.html"],
    ["moves a nested page to its clean address", "/docs/intro.html", "drop-html docs/intro"],
    ["lets a directory win over NAME.html", "/docs", "add-slash docs"],
    ["keeps serving NAME.html itself when a directory holds its clean address", "/docs.html", "file docs.html"],
    ["lets a file win over NAME.html", "/notes", "file notes"],
    ["keeps serving NAME.html itself when a file holds its clean address", "/notes.html", "file notes.html"],
    ["keeps index.html as it is", "/index.html", "file index.html"],
    ["keeps a nested index.html as it is", "/docs/index.html", "file docs/index.html"],
    ["keeps a directory's index page at its slash", "/docs/", "file docs/index.html"],
    ["serves a file named .html as itself, never moving it to an empty name", "/.html", "file .html"],
    ["answers missing for a clean address with a trailing slash", "/about/", "missing"],
    ["answers missing when no NAME.html exists", "/nothing", "missing"],
    ["never adds .html to a hidden name the walk skipped", "/.env", "missing"],
    ["leaves a directory named NAME.html alone", "/page.html", "add-slash page.html"],
    ["answers other files as they are", "/style.css", "file style.css"],
  ])("%s", (_behaviour, path, expected) => {
    expect(clean(path, { hasCleanUrls: true })).toBe(expected);
  });

  it.each(["/about", "/docs/intro"])("answers missing for %s without --clean-urls", (path) => {
    expect(clean(path)).toBe("missing");
  });

  it("serves /about.html itself without --clean-urls", () => {
    expect(clean("/about.html")).toBe("file about.html");
  });

  it.each<[string, string, string[], string]>([
    ["answers a path without an extension with the page", "/dashboard", ["index.html"], "spa-page index.html"],
    ["answers a deep client route with the page", "/users/42/edit", ["index.html"], "spa-page index.html"],
    ["answers a client route with a trailing slash with the page", "/users/", ["index.html"], "spa-page index.html"],
    ["answers a route below an existing directory with the page", "/docs/nope", ["app.html"], "spa-page app.html"],
    ["answers with the chosen page", "/dashboard", ["app.html"], "spa-page app.html"],
    ["still answers 404 for a path with an extension", "/missing.js", ["index.html"], "missing"],
    ["still answers 404 for a dotted last segment", "/v1.2", ["index.html"], "missing"],
    ["lets a file win", "/about.html", ["index.html"], "file about.html"],
    ["lets a directory's redirect win", "/docs", ["index.html"], "add-slash docs"],
    ["lets a listing win", "/blog/", ["index.html"], "listing blog"],
    ["answers missing when the page is not in the manifest", "/dashboard", ["nope.html"], "missing"],
    ["answers missing when the page is a directory", "/dashboard", ["docs"], "missing"],
    ["keeps an encoded slash missing", "/a%2Fb", ["index.html"], "missing"],
  ])("--spa: %s", (_behaviour, path, spaPage, expected) => {
    const segments = path === "/a%2Fb" ? ["a/b"] : undefined;
    expect(
      segments ? resolveRequestPath({ segments, hasTrailingSlash: false, homePage: null, spaPage }, site).kind : clean(path, { spaPage }),
    ).toBe(expected);
  });

  it("tries a clean URL before the --spa page", () => {
    expect(clean("/about", { hasCleanUrls: true, spaPage: ["index.html"] })).toBe("file about.html");
    expect(clean("/nothing", { hasCleanUrls: true, spaPage: ["index.html"] })).toBe("spa-page index.html");
  });
});
