import { type ChildProcess, spawn } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFolder, type RunningCli, startCli } from "../helpers/cli.js";

/**
 * python's http.server and edgeserve on one generated folder,
 * compared request by request. Python is the behaviour people know; every place edgeserve
 * answers differently on purpose is its own `it` under "deliberate differences" below.
 */

const SEED = 0x5eed_0004;
const CONCURRENCY = 6;
const REQUEST_TIMEOUT_MS = 5_000;
/** Both servers together (about 530 each today); the last test checks the bound. */
const MAX_REQUESTS = 1_100;

// ---------------------------------------------------------------- the generated folder

/** mulberry32: a tiny deterministic generator, so every run builds the same folder. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STEMS = [
  "plain",
  "with space",
  "two  spaces",
  " leading space",
  "trailing space ",
  "hash#tag",
  "what?",
  "100%",
  "%41",
  "a&b=c",
  "1+1",
  "it's",
  'say "hi"',
  "café",
  "naïve façade",
  "日本語",
  "Ελληνικά",
  "emoji 🎉",
  "🦄",
  "-leading-dash",
  "--help",
  "index.htm",
  "index.html.bak",
  "(parens)",
  "[brackets]",
  "semi;colon",
  "comma,name",
  "tilde~",
  "at@sign",
  "dollar$",
  "caret^",
  "back`tick",
  "brace{}",
  "UPPER",
  "x",
].map((stem) => stem.normalize("NFC"));

const EXTENSIONS = [
  ".txt",
  ".html",
  ".htm",
  ".css",
  ".js",
  ".mjs",
  ".json",
  ".svg",
  ".png",
  ".md",
  ".csv",
  ".xml",
  ".bin",
  ".wasm",
  ".pdf",
  ".gz",
  "",
  ".TXT",
  ".tar.gz",
  ".xyz",
  ".webp",
  ".mp4",
  ".jpg",
  ".ico",
];

interface Tree {
  files: Record<string, string | Uint8Array>;
  /** Relative paths ("a/b"), root excluded; empty ones are created separately. */
  directories: string[];
  /** Directories holding index.html or index.htm (so GET serves that file, not a listing). */
  indexed: Set<string>;
}

function generateTree(): Tree {
  const random = createRandom(SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const tree: Tree = { files: {}, directories: [], indexed: new Set() };
  const fill = (directory: string, depth: number) => {
    const used = new Set<string>();
    const uniqueName = (name: string) => {
      let candidate = name;
      for (let n = 2; used.has(candidate) || candidate === "" || candidate.startsWith("."); n++) candidate = `${name}-${n}`;
      used.add(candidate);
      return candidate;
    };
    const join = (name: string) => (directory === "" ? name : `${directory}/${name}`);
    const roll = random();
    const isEmpty = depth > 1 && roll < 0.1;
    if (!isEmpty) {
      for (let i = between(2, 5); i > 0; i--) {
        const name = uniqueName(pick(STEMS) + pick(EXTENSIONS));
        tree.files[join(name)] = random() < 0.15 ? "" : `${join(name)}\n`.repeat(between(1, 40));
      }
      // Root has no index, so its listing is compared too.
      if (depth > 0 && roll > 0.7) {
        const index = uniqueName(roll > 0.88 ? "index.htm" : "index.html");
        tree.files[join(index)] = `<!doctype html><title>${join(index)}</title>\n`;
        tree.indexed.add(directory);
      }
      // A directory named like an index page is not one (python: os.path.isfile).
      if (depth > 0 && roll > 0.5 && roll < 0.6) {
        const fake = uniqueName("index.html");
        tree.directories.push(join(fake));
        tree.files[`${join(fake)}/inside.txt`] = "inside\n";
      }
    }
    const children = depth === 0 ? 6 : depth < 3 ? between(1, 2) : depth < 4 ? between(0, 2) : 0;
    for (let i = 0; i < children; i++) {
      const child = join(uniqueName(pick(STEMS)));
      tree.directories.push(child);
      fill(child, depth + 1);
    }
  };
  fill("", 0);
  const deepest = tree.directories.reduce((a, b) => (b.split("/").length > a.split("/").length ? b : a));
  tree.files[`${deepest}/blob.bin`] = Uint8Array.from({ length: 200 * 1024 }, () => Math.floor(random() * 256));
  return tree;
}

/** Files outside the generated tree that only the deliberate-difference tests ask for. */
const SPECIAL_FILES: Record<string, string> = {
  ".env": "SECRET=1\n",
  ".hidden/secret.txt": "hidden\n",
  "back\\slash.txt": "backslash\n",
  "literal 100%.txt": "percent\n",
  "range.txt": "0123456789abcdef\n",
};

// ---------------------------------------------------------------- requests

interface Answer {
  /** 0: the connection closed without an HTTP response. */
  status: number;
  header(name: string): string | null;
  body: Buffer;
}

interface AskInit {
  method?: string;
  headers?: Record<string, string>;
}

let requestCount = 0;

/** Same-origin path as a browser would send it: each segment encoded on its own. */
function encodeSegments(relative: string, trailingSlash = false): string {
  if (relative === "") return "/";
  return `/${relative.split("/").map(encodeURIComponent).join("/")}${trailingSlash ? "/" : ""}`;
}

async function ask(base: string, rawPath: string, init: AskInit = {}): Promise<Answer> {
  requestCount++;
  const response = await fetch(new URL(base).origin + rawPath, {
    method: init.method ?? "GET",
    redirect: "manual",
    headers: { "Accept-Encoding": "identity", ...init.headers },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, header: (name) => response.headers.get(name), body };
}

/**
 * fetch() normalises the path as the URL standard says (`%2e%2e` becomes a dot segment, and so on);
 * the request variants need the exact bytes on the wire, so they go through node:http.
 */
function askRaw(base: string, rawPath: string, init: AskInit = {}): Promise<Answer> {
  requestCount++;
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    const request = httpRequest(
      {
        host: hostname,
        port,
        path: rawPath,
        method: init.method ?? "GET",
        agent: false,
        timeout: REQUEST_TIMEOUT_MS,
        headers: { "Accept-Encoding": "identity", ...init.headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const header = (name: string) => {
            const value = response.headers[name.toLowerCase()];
            return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
          };
          resolve({ status: response.statusCode ?? 0, header, body: Buffer.concat(chunks) });
        });
        response.on("error", () => resolve({ status: 0, header: () => null, body: Buffer.alloc(0) }));
      },
    );
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", () => resolve({ status: 0, header: () => null, body: Buffer.alloc(0) }));
    request.end();
  });
}

async function mapLimited<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}

/** Every `step`-th item, so samples are spread over the tree yet deterministic. */
function sample<T>(items: readonly T[], count: number): T[] {
  const step = Math.max(1, Math.floor(items.length / count));
  return items.filter((_, index) => index % step === 0).slice(0, count);
}

// ---------------------------------------------------------------- comparison helpers

const withoutCharset = (type: string | null) => (type ?? "").replace(/;\s*charset=utf-8$/i, "");

/**
 * Every Content-Type difference found, per extension. Python asks `mimetypes`, which reads
 * /etc/mime.types when present (Debian's media-types package: the first value in `python`) and
 * otherwise falls back to its built-in table (python 3.11: the second value); edgeserve asks the
 * `mime` package (src/manifest/content-type.ts) and adds a charset to text (nosniff).
 * With media-types installed the only difference is that charset; .png, .jpg, .webp, .ico, .pdf,
 * .wasm, .mp4, .gz, .bin and unknown names answer the same type on both.
 */
const CONTENT_TYPE_DIFFERENCES: { extension: string; python: string[]; edgeserve: string; reason: string }[] = [
  { extension: ".txt", python: ["text/plain"], edgeserve: "text/plain; charset=utf-8", reason: "charset on text" },
  { extension: ".TXT", python: ["text/plain"], edgeserve: "text/plain; charset=utf-8", reason: "charset on text" },
  { extension: ".html", python: ["text/html"], edgeserve: "text/html; charset=utf-8", reason: "charset on text" },
  { extension: ".htm", python: ["text/html"], edgeserve: "text/html; charset=utf-8", reason: "charset on text" },
  { extension: ".css", python: ["text/css"], edgeserve: "text/css; charset=utf-8", reason: "charset on text" },
  { extension: ".csv", python: ["text/csv"], edgeserve: "text/csv; charset=utf-8", reason: "charset on text" },
  { extension: ".json", python: ["application/json"], edgeserve: "application/json; charset=utf-8", reason: "charset on text" },
  { extension: ".svg", python: ["image/svg+xml"], edgeserve: "image/svg+xml; charset=utf-8", reason: "charset on text" },
  {
    extension: ".js",
    python: ["text/javascript", "application/javascript"],
    edgeserve: "text/javascript; charset=utf-8",
    reason: "RFC 9239 type; charset",
  },
  {
    extension: ".mjs",
    python: ["text/javascript", "application/javascript"],
    edgeserve: "text/javascript; charset=utf-8",
    reason: "RFC 9239 type; charset",
  },
  {
    extension: ".md",
    python: ["text/markdown", "application/octet-stream"],
    edgeserve: "text/markdown; charset=utf-8",
    reason: "charset; unknown to python's own table",
  },
  {
    extension: ".xml",
    python: ["application/xml", "text/xml"],
    edgeserve: "application/xml; charset=utf-8",
    reason: "RFC 7303 prefers application/xml; charset",
  },
  {
    extension: ".webp",
    python: ["image/webp", "application/octet-stream"],
    edgeserve: "image/webp",
    reason: "unknown to python's own table",
  },
  {
    extension: ".xyz",
    python: ["chemical/x-xyz", "application/octet-stream"],
    edgeserve: "chemical/x-xyz",
    reason: "unknown to python's own table",
  },
];

function extensionOf(name: string): string {
  const match = /\.[^.]*$/.exec(name);
  return match ? match[0] : "";
}

function checkContentType(relative: string, python: string | null, edgeserve: string | null): string | null {
  if (withoutCharset(python) === withoutCharset(edgeserve)) return null;
  const known = CONTENT_TYPE_DIFFERENCES.find((row) => row.extension === extensionOf(relative));
  if (known?.python.includes(python ?? "") && known.edgeserve === edgeserve) return null;
  return `${relative}: Content-Type python ${python} edgeserve ${edgeserve}`;
}

/** Names in python's HTML listing, unquoted; directories end with "/". */
function pythonListingNames(html: string): string[] {
  const list = /<ul>([\s\S]*)<\/ul>/.exec(html)?.[1] ?? "";
  return [...list.matchAll(/<li><a href="([^"]*)">/g)].map((match) => decodeURIComponent(match[1] ?? ""));
}

interface ListingJson {
  entries: { name: string; type: "file" | "directory" }[];
}

function edgeserveListingNames(json: string): string[] {
  return (JSON.parse(json) as ListingJson).entries.map((entry) => (entry.type === "directory" ? `${entry.name}/` : entry.name));
}

/** Names edgeserve never serves or lists (src/manifest/rules.ts): hidden, or not one safe URL segment. */
const isRefusedName = (name: string) => name.startsWith(".") || /[\u0000-\u001f\u007f\\]/.test(name);

// ---------------------------------------------------------------- the suite

describe("python's http.server and edgeserve on the same generated folder", () => {
  const tree = generateTree();
  const files = Object.keys(tree.files).sort();
  const listedDirectories = ["", ...tree.directories].filter((directory) => !tree.indexed.has(directory));
  let folder: string;
  let outside: string;
  let python: ChildProcess;
  let pythonUrl: string;
  let edgeserve: RunningCli;

  const both = async (rawPath: string, init: AskInit = {}) =>
    Promise.all([ask(pythonUrl, rawPath, init), ask(edgeserve.url, rawPath, init)]);
  const bothRaw = async (rawPath: string, init: AskInit = {}) =>
    Promise.all([askRaw(pythonUrl, rawPath, init), askRaw(edgeserve.url, rawPath, init)]);

  beforeAll(async () => {
    outside = await makeFolder({ "secret.txt": "outside the folder\n" });
    folder = await makeFolder({ ...tree.files, ...SPECIAL_FILES });
    for (const directory of tree.directories) await mkdir(path.join(folder, directory), { recursive: true });
    [pythonUrl, edgeserve] = await Promise.all([startPython(folder), startCli([folder, "--port", "0", "--greet", "off", "--quiet"])]);
  });

  afterAll(async () => {
    const pythonExited = python?.exitCode === null ? new Promise((resolve) => python.once("exit", resolve)) : null;
    python?.kill("SIGTERM");
    await Promise.all([pythonExited, edgeserve?.stop()]);
  });

  function startPython(directory: string): Promise<string> {
    python = spawn("python3", ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", directory], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PYTHONUNBUFFERED: "1" },
    });
    python.stderr?.resume();
    return new Promise((resolve, reject) => {
      let stdout = "";
      const timer = setTimeout(() => reject(new Error(`python did not start:\n${stdout}`)), 15_000);
      python.stdout?.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /Serving HTTP on \S+ port (\d+)/.exec(stdout);
        if (match) {
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${match[1]}/`);
        }
      });
      python.once("error", reject);
      python.once("exit", (code) => reject(new Error(`python exited with ${code}:\n${stdout}`)));
    });
  }

  it("generates a few hundred awkward paths, 3–4 directories deep", () => {
    expect(files.length + tree.directories.length).toBeGreaterThan(200);
    expect(Math.max(...tree.directories.map((directory) => directory.split("/").length))).toBeGreaterThanOrEqual(4);
    expect(files.some((file) => file.endsWith("blob.bin"))).toBe(true);
  });

  /** Content types per extension as first seen, so the table's rows cost no extra requests. */
  const typesSeen = new Map<string, [string | null, string | null]>();
  async function typesOf(extension: string): Promise<[string | null, string | null]> {
    const seen = typesSeen.get(extension);
    if (seen) return seen;
    const relative = files.find((file) => extensionOf(file) === extension) ?? `missing${extension}`;
    const [fromPython, fromEdgeserve] = await both(encodeSegments(relative));
    return [fromPython.header("Content-Type"), fromEdgeserve.header("Content-Type")];
  }

  it("serves every file with python's status, bytes, Last-Modified and content type (modulo charset)", async () => {
    const mismatches = await mapLimited(files, async (relative) => {
      const [fromPython, fromEdgeserve] = await both(encodeSegments(relative));
      if (!typesSeen.has(extensionOf(relative)))
        typesSeen.set(extensionOf(relative), [fromPython.header("Content-Type"), fromEdgeserve.header("Content-Type")]);
      if (fromPython.status !== 200 || fromEdgeserve.status !== 200)
        return [`${relative}: status python ${fromPython.status} edgeserve ${fromEdgeserve.status}`];
      const problems: (string | null)[] = [
        fromPython.body.equals(fromEdgeserve.body)
          ? null
          : `${relative}: bodies differ (${fromPython.body.length} vs ${fromEdgeserve.body.length} bytes)`,
        checkContentType(relative, fromPython.header("Content-Type"), fromEdgeserve.header("Content-Type")),
        fromPython.header("Last-Modified") === fromEdgeserve.header("Last-Modified")
          ? null
          : `${relative}: Last-Modified python ${fromPython.header("Last-Modified")} edgeserve ${fromEdgeserve.header("Last-Modified")}`,
      ];
      return problems.filter((problem) => problem !== null);
    });
    expect(mismatches.flat()).toEqual([]);
  });

  it("lists every directory without an index with python's entry names (JSON from edgeserve)", async () => {
    const mismatches = await mapLimited(listedDirectories, async (directory) => {
      const rawPath = encodeSegments(directory, directory !== "");
      const [fromPython, fromEdgeserve] = await Promise.all([
        ask(pythonUrl, rawPath),
        ask(edgeserve.url, rawPath, { headers: { Accept: "application/json" } }),
      ]);
      if (fromPython.status !== 200 || fromEdgeserve.status !== 200)
        return [`${rawPath}: status python ${fromPython.status} edgeserve ${fromEdgeserve.status}`];
      const expected = pythonListingNames(fromPython.body.toString())
        .filter((name) => !isRefusedName(name))
        .sort();
      const actual = edgeserveListingNames(fromEdgeserve.body.toString()).sort();
      return JSON.stringify(expected) === JSON.stringify(actual)
        ? []
        : [`${rawPath}: python ${JSON.stringify(expected)} edgeserve ${JSON.stringify(actual)}`];
    });
    expect(mismatches.flat()).toEqual([]);
  });

  it("serves the index page of every directory that has one, as python does", async () => {
    const mismatches = await mapLimited([...tree.indexed], async (directory) => {
      const [fromPython, fromEdgeserve] = await both(encodeSegments(directory, true));
      return fromPython.status === fromEdgeserve.status && fromPython.body.equals(fromEdgeserve.body)
        ? []
        : [
            `/${directory}/: python ${fromPython.status} ${fromPython.body.length}B edgeserve ${fromEdgeserve.status} ${fromEdgeserve.body.length}B`,
          ];
    });
    expect(mismatches.flat()).toEqual([]);
  });

  it("answers the root with an empty or any query with the same entries as python", async () => {
    for (const rawPath of ["/?", "/?x=1&y", "/?sort=size&order=desc"]) {
      const [fromPython, fromEdgeserve] = await Promise.all([
        ask(pythonUrl, rawPath),
        ask(edgeserve.url, rawPath, { headers: { Accept: "application/json" } }),
      ]);
      expect([rawPath, fromPython.status, fromEdgeserve.status]).toEqual([rawPath, 200, 200]);
      const expected = pythonListingNames(fromPython.body.toString())
        .filter((name) => !isRefusedName(name))
        .sort();
      expect(edgeserveListingNames(fromEdgeserve.body.toString()).sort()).toEqual(expected);
    }
  });

  it("answers HEAD on directories (listing, index page, redirect) with python's status and no body", async () => {
    const paths = [
      ...sample(listedDirectories, 3).map((directory) => encodeSegments(directory, directory !== "")),
      ...sample([...tree.indexed], 2).map((directory) => encodeSegments(directory, true)),
      ...sample(tree.directories, 3).map((directory) => encodeSegments(directory)),
    ];
    const mismatches = await mapLimited(paths, async (rawPath) => {
      const [fromPython, fromEdgeserve] = await both(rawPath, { method: "HEAD" });
      const seen = [fromPython, fromEdgeserve].map((answer) => `${answer.status} ${answer.header("Location")} ${answer.body.length}`);
      return seen[0] === seen[1] ? [] : [`HEAD ${rawPath}: python ${seen[0]} edgeserve ${seen[1]}`];
    });
    expect(mismatches.flat()).toEqual([]);
  });

  it("answers If-Modified-Since like python: 304 at the file's Last-Modified, 200 for a day earlier", async () => {
    const mismatches = await mapLimited(sample(files, 4), async (relative) => {
      const rawPath = encodeSegments(relative);
      const lastModified = (await ask(pythonUrl, rawPath, { method: "HEAD" })).header("Last-Modified") ?? "";
      const dayEarlier = new Date(Date.parse(lastModified) - 86_400_000).toUTCString();
      const [atPython, atEdgeserve] = await both(rawPath, { headers: { "If-Modified-Since": lastModified } });
      const [earlierPython, earlierEdgeserve] = await both(rawPath, { headers: { "If-Modified-Since": dayEarlier } });
      const seen = [atPython.status, atEdgeserve.status, earlierPython.status, earlierEdgeserve.status];
      return JSON.stringify(seen) === JSON.stringify([304, 304, 200, 200])
        ? []
        : [`${relative}: python/edgeserve at ${seen[0]}/${seen[1]}, earlier ${seen[2]}/${seen[3]}`];
    });
    expect(mismatches.flat()).toEqual([]);
  });

  it("redirects every directory asked without its slash with 301 to the same Location", async () => {
    const mismatches = await mapLimited(tree.directories, async (directory) => {
      const [fromPython, fromEdgeserve] = await both(encodeSegments(directory));
      const seen = [fromPython, fromEdgeserve].map((answer) => `${answer.status} ${answer.header("Location")}`);
      const expected = `301 ${encodeSegments(directory, true)}`;
      return seen.every((line) => line === expected) ? [] : [`/${directory}: python ${seen[0]} edgeserve ${seen[1]}`];
    });
    expect(mismatches.flat()).toEqual([]);
  });

  it("answers 404 for missing paths, as python does", async () => {
    const someFiles = sample(
      files.filter((file) => !file.endsWith("blob.bin")),
      12,
    );
    const missing = [
      ...sample(tree.directories, 6).map((directory) => encodeSegments(`${directory}/nope.txt`)),
      ...someFiles.slice(0, 4).map((file) => encodeSegments(`${file}/child`)),
      ...someFiles.slice(4, 8).map((file) => encodeSegments(file, true)),
      ...someFiles.slice(8, 12).map((file) => encodeSegments(file.toUpperCase() === file ? file.toLowerCase() : file.toUpperCase())),
      encodeSegments("café.txt".normalize("NFD")),
      encodeSegments("no/such/directory/"),
      "/%252e%252e/secret.txt",
      "/nope",
    ];
    const mismatches = await mapLimited(missing, async (rawPath) => {
      const [fromPython, fromEdgeserve] = await both(rawPath);
      return fromPython.status === 404 && fromEdgeserve.status === 404
        ? []
        : [`${rawPath}: python ${fromPython.status} edgeserve ${fromEdgeserve.status}`];
    });
    expect(mismatches.flat()).toEqual([]);
  });

  it("answers HEAD for a sample of files with python's status and Content-Length, and no body", async () => {
    const mismatches = await mapLimited(sample(files, 15), async (relative) => {
      const [fromPython, fromEdgeserve] = await both(encodeSegments(relative), { method: "HEAD" });
      const seen = [fromPython, fromEdgeserve].map((answer) => `${answer.status} ${answer.header("Content-Length")} ${answer.body.length}`);
      return seen[0] === seen[1] ? [] : [`HEAD ${relative}: python ${seen[0]} edgeserve ${seen[1]}`];
    });
    expect(mismatches.flat()).toEqual([]);
  });

  /** One file path spelled several ways on the wire; both servers must find the same bytes. */
  function spellingsOf(relative: string): string[] {
    const segments = relative.split("/");
    const encodeEveryByte = (segment: string) =>
      [...Buffer.from(segment)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join("");
    // Only what cannot appear raw in a request target (RFC 3986 pchar), the rest raw: ' & + = ; , @ $ ( ) ! * [ ]
    const encodeMinimally = (segment: string) =>
      [...segment]
        .map((character) => (/^[A-Za-z0-9\-._~!$&'()*+,;=:@[\]]$/.test(character) ? character : encodeURIComponent(character)))
        .join("");
    const lowerHex = (segment: string) => encodeURIComponent(segment).replace(/%[0-9A-F]{2}/g, (percent) => percent.toLowerCase());
    const encoded = segments.map(encodeURIComponent);
    return [
      `/${segments.map(encodeEveryByte).join("/")}`,
      `/${segments.map(encodeMinimally).join("/")}`,
      `/${segments.map(lowerHex).join("/")}`,
      `//${encoded.join("//")}`,
      `/./${encoded.join("/%2e/")}`,
      `/${encoded[0]}/%2e%2e/${encoded.join("/")}`,
      `/%2e%2e/%2E%2E/${encoded.join("/")}`,
      `/${encoded.join("/")}?x=1&y=%zz`,
      `/${encoded.join("/")}?`,
      `/${encoded.join("/")}#fragment`,
    ];
  }

  it("answers 160 spellings of 16 files (encodings, //, %2e%2e, queries, fragments) like python", async () => {
    const variants = sample(
      files.filter((file) => !file.endsWith("blob.bin")),
      16,
    ).flatMap(spellingsOf);
    const mismatches = await mapLimited(variants, async (rawPath) => {
      const [fromPython, fromEdgeserve] = await bothRaw(rawPath);
      return fromPython.status === fromEdgeserve.status && fromPython.body.equals(fromEdgeserve.body)
        ? []
        : [
            `${rawPath}: python ${fromPython.status} ${fromPython.body.length}B edgeserve ${fromEdgeserve.status} ${fromEdgeserve.body.length}B`,
          ];
    });
    expect(variants.length).toBe(160);
    expect(mismatches.flat()).toEqual([]);
  });

  it("redirects directory spellings (query kept, //, encodings) to the same directory", async () => {
    // Python echoes the path as sent; edgeserve answers the canonical spelling. Both must name
    // the same directory once decoded, with the query kept.
    const canonical = (location: string | null) => {
      const [pathPart = "", query] = (location ?? "").split("?");
      const decoded = pathPart
        .split("/")
        .filter((segment) => segment !== "")
        .map(decodeURIComponent);
      return `/${decoded.join("/")}/${query === undefined ? "" : `?${query}`}`;
    };
    const variants = sample(tree.directories, 7).flatMap((directory) => {
      const encoded = directory.split("/").map(encodeURIComponent);
      return [
        `/${encoded.join("/")}?sort=size&x=%20`,
        `//${encoded.join("//")}`,
        `/${encoded.join("/").replace(/%([0-9A-F]{2})/g, (_, hex: string) => `%${hex.toLowerCase()}`)}`,
      ];
    });
    const mismatches = await mapLimited(variants, async (rawPath) => {
      const [fromPython, fromEdgeserve] = await bothRaw(rawPath);
      const seen = [fromPython, fromEdgeserve].map((answer) => `${answer.status} ${canonical(answer.header("Location"))}`);
      return seen[0] === seen[1] && fromPython.status === 301 ? [] : [`${rawPath}: python ${seen[0]} edgeserve ${seen[1]}`];
    });
    expect(mismatches.flat()).toEqual([]);
  });

  it("never leaves the folder, whatever the traversal spelling", async () => {
    const sibling = encodeURIComponent(path.basename(outside));
    const attempts = [
      `/../${sibling}/secret.txt`,
      `/%2e%2e/${sibling}/secret.txt`,
      `/%2E%2E/%2e%2e/%2e%2e/%2e%2e/${sibling}/secret.txt`,
      `/.%2e/${sibling}/secret.txt`,
      `/%2e%2e%2f${sibling}%2fsecret.txt`,
      `/..%2f${sibling}%2fsecret.txt`,
      "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
      "//%2e%2e//%2e%2e//etc//passwd",
    ];
    for (const rawPath of attempts) {
      const [fromPython, fromEdgeserve] = await bothRaw(rawPath);
      expect([rawPath, fromPython.status, fromEdgeserve.status]).toEqual([rawPath, 404, 404]);
      expect(fromEdgeserve.body.toString()).not.toContain("outside the folder");
    }
  });

  /**
   * Where edgeserve answers differently on purpose, each asserted below (both answers, not skipped):
   * - dotfiles (.env, .hidden/): python serves and lists them; edgeserve 404s and hides them (secrets).
   * - a backslash in a name: python serves it; edgeserve never lists it and answers 400 (Windows separator).
   * - Range: python ignores it (200, whole file); edgeserve answers 206 with Content-Range (RFC 9110 §14).
   * - listings: python only has HTML; edgeserve answers JSON for Accept: application/json or ?format=json.
   * - POST/PUT/DELETE: python 501; edgeserve 405 with Allow. OPTIONS: python 501; edgeserve 204 with Allow.
   * - %2F: python decodes it into a separator; edgeserve keeps it inside the segment (so 404).
   * - malformed encoding (a lone %, %ff): python keeps the bytes or U+FFFD; edgeserve answers 400.
   * - %00: python's open() raises ValueError and it drops the connection; edgeserve answers 400.
   * - a final "." or ".." segment: python redirects to the raw path plus "/" (or serves the file for
   *   file/.); edgeserve sees the URL parser's result, a path ending in "/" (listing 200, file 404).
   * - Content-Type: edgeserve adds "; charset=utf-8" to text, and differs from python's built-in table
   *   when /etc/mime.types is absent (CONTENT_TYPE_DIFFERENCES).
   * Everything else compared above is the same, including "/?", queries, "//", %2e%2e and encodings.
   */
  describe("deliberate differences from python", () => {
    it.each([".env", ".hidden/secret.txt"])("%s: python serves dotfiles, edgeserve answers 404 (they hold secrets)", async (relative) => {
      const [fromPython, fromEdgeserve] = await both(encodeSegments(relative));
      expect([fromPython.status, fromEdgeserve.status]).toEqual([200, 404]);
    });

    it("python lists dotfiles and a backslash name at the root, edgeserve lists neither", async () => {
      const [fromPython, fromEdgeserve] = await Promise.all([
        ask(pythonUrl, "/"),
        ask(edgeserve.url, "/", { headers: { Accept: "application/json" } }),
      ]);
      const pythonNames = pythonListingNames(fromPython.body.toString());
      const edgeserveNames = edgeserveListingNames(fromEdgeserve.body.toString());
      expect(pythonNames).toEqual(expect.arrayContaining([".env", ".hidden/", "back\\slash.txt"]));
      expect(edgeserveNames.filter(isRefusedName)).toEqual([]);
    });

    it("a backslash in a name: python serves it, edgeserve refuses the path with 400 (a separator on Windows)", async () => {
      const [fromPython, fromEdgeserve] = await bothRaw("/back%5Cslash.txt");
      expect([fromPython.status, fromEdgeserve.status]).toEqual([200, 400]);
    });

    it("Range: python ignores it (200, whole file), edgeserve answers 206 (RFC 9110 §14)", async () => {
      const [fromPython, fromEdgeserve] = await both("/range.txt", { headers: { Range: "bytes=2-5" } });
      expect([fromPython.status, fromPython.body.toString()]).toEqual([200, SPECIAL_FILES["range.txt"]]);
      expect([fromEdgeserve.status, fromEdgeserve.body.toString(), fromEdgeserve.header("Content-Range")]).toEqual([
        206,
        "2345",
        "bytes 2-5/17",
      ]);
    });

    it("JSON listings: python always answers HTML, edgeserve answers JSON for Accept or ?format=json", async () => {
      for (const init of [{ headers: { Accept: "application/json" } }, {}]) {
        const rawPath = "headers" in init ? "/" : "/?format=json";
        const [fromPython, fromEdgeserve] = await both(rawPath, init);
        expect(fromPython.header("Content-Type")).toMatch(/^text\/html/);
        expect(fromEdgeserve.header("Content-Type")).toBe("application/json; charset=utf-8");
        expect(fromEdgeserve.header("Vary")).toBe("Accept");
      }
    });

    it.each(["POST", "PUT", "DELETE"])("%s: python answers 501, edgeserve 405 with Allow (RFC 9110 §15.5.6)", async (method) => {
      const [fromPython, fromEdgeserve] = await both("/range.txt", { method });
      expect([fromPython.status, fromEdgeserve.status]).toEqual([501, 405]);
      expect(fromEdgeserve.header("Allow")).toContain("GET, HEAD");
    });

    it("OPTIONS: python answers 501, edgeserve 204 with Allow", async () => {
      const [fromPython, fromEdgeserve] = await both("/range.txt", { method: "OPTIONS" });
      expect([fromPython.status, fromEdgeserve.status]).toEqual([501, 204]);
      expect(fromEdgeserve.header("Allow")).toContain("GET, HEAD");
    });

    it("%2F inside a segment: python decodes it into a separator, edgeserve keeps it in the name", async () => {
      const nested = files.find((file) => file.split("/").length === 2 && !file.endsWith("blob.bin")) ?? "";
      const [directory = "", name = ""] = nested.split("/");
      const [fromPython, fromEdgeserve] = await bothRaw(`/${encodeURIComponent(directory)}%2F${encodeURIComponent(name)}`);
      expect([fromPython.status, fromEdgeserve.status]).toEqual([200, 404]);
    });

    it("malformed percent-encoding: python keeps the bytes (serves 'literal 100%.txt'), edgeserve answers 400", async () => {
      const [fromPython, fromEdgeserve] = await bothRaw("/literal%20100%.txt");
      expect([fromPython.status, fromEdgeserve.status]).toEqual([200, 400]);
      const [invalidUtf8Python, invalidUtf8Edgeserve] = await bothRaw("/%ff.txt");
      expect([invalidUtf8Python.status, invalidUtf8Edgeserve.status]).toEqual([404, 400]);
    });

    it("%00: python drops the connection (ValueError in open), edgeserve answers 400", async () => {
      const [fromPython, fromEdgeserve] = await bothRaw("/range.txt%00.html");
      expect([fromPython.status, fromEdgeserve.status]).toEqual([0, 400]);
    });

    // The URL parser (workerd's, like a browser's) resolves a final "." or ".." into a path ending
    // in "/", so edgeserve sees a directory asked with its slash, or a file asked with one. Python
    // tests the raw path for a slash: it redirects to the raw path plus "/", and serves the file.
    const nestedDirectory = tree.directories.find((candidate) => candidate.split("/").length === 2) ?? "";
    const fileInDirectory = files.find((file) => file.split("/").length === 2 && !file.endsWith("blob.bin")) ?? "";
    it.each([
      [`${encodeSegments(nestedDirectory)}/.`, 301, 200],
      [`${encodeSegments(nestedDirectory)}/..`, 301, 200],
      [`${encodeSegments(nestedDirectory)}/%2e%2E`, 301, 200],
      [`${encodeSegments(fileInDirectory)}/.`, 200, 404],
      [`${encodeSegments(fileInDirectory)}/..`, 301, 200],
    ])(
      "a final dot segment %s: python answers %i, edgeserve %i (dot segments resolved first)",
      async (rawPath, pythonStatus, edgeserveStatus) => {
        const [fromPython, fromEdgeserve] = await bothRaw(rawPath);
        expect([fromPython.status, fromEdgeserve.status]).toEqual([pythonStatus, edgeserveStatus]);
        if (pythonStatus === 301) expect(fromPython.header("Location")).toBe(`${rawPath}/`);
      },
    );

    it.each(CONTENT_TYPE_DIFFERENCES)("content type of $extension: python $python, edgeserve $edgeserve ($reason)", async (row) => {
      const [python, edgeserve] = await typesOf(row.extension);
      expect(row.python).toContain(python);
      expect(edgeserve).toBe(row.edgeserve);
    });
  });

  it(`stays within ${MAX_REQUESTS} requests in all`, () => {
    expect(requestCount).toBeLessThanOrEqual(MAX_REQUESTS);
  });
});
