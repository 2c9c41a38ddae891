import { readdirSync, readFileSync, symlinkSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFolder, type RunningCli, startCli } from "../helpers/cli.js";

/**
 * a crawler started at / that follows the listings' links fetches every
 * visible file byte-for-byte, and nothing hidden. 1,500 files in nested folders, awkward names.
 */
const AWKWARD = [
  "a b.txt",
  "hash#1.txt",
  "what?.txt",
  "100%.txt",
  "naïve café.txt",
  "quote\"s'.txt",
  "amp&semi;.txt",
  "plus+sign.txt",
  "日本語.txt",
  "emoji-🎉.txt",
];
const MAX_REQUESTS = 3_000;

function buildFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let top = 0; top < 10; top += 1) {
    for (let middle = 0; middle < 10; middle += 1) {
      const directory = `top ${top}/mid-${middle}${middle % 3 === 0 ? " #x" : ""}`;
      for (let file = 0; file < 14; file += 1) files[`${directory}/file${file}.txt`] = `${directory} ${file}\n`;
      files[`${directory}/${AWKWARD[middle]}`] = `awkward ${top} ${middle}\n`;
    }
    files[`top ${top}/.hidden/secret.txt`] = "hidden\n";
  }
  files[".env"] = "SECRET=1\n";
  return files;
}

/** The entities hono/html writes in attributes, decoded as a browser would. */
function decodeEntities(text: string): string {
  const entities: Record<string, string> = { "&amp;": "&", "&quot;": '"', "&#39;": "'", "&lt;": "<", "&gt;": ">" };
  return text.replace(/&(amp|quot|#39|lt|gt);/g, (entity) => entities[entity] ?? entity);
}

function visibleFiles(root: string, relative = ""): string[] {
  return readdirSync(path.join(root, relative), { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith(".") || entry.isSymbolicLink()) return [];
    const child = relative === "" ? entry.name : `${relative}/${entry.name}`;
    return entry.isDirectory() ? visibleFiles(root, child) : [child];
  });
}

describe("a crawler over the listings", () => {
  let folder: string;
  let server: RunningCli;
  beforeAll(async () => {
    folder = await makeFolder(buildFiles());
    const outside = await makeFolder({ "outside.txt": "outside\n" });
    symlinkSync(path.join(outside, "outside.txt"), path.join(folder, "top 0", "link-out.txt"));
    server = await startCli([folder, "--port", "0", "--greet", "off", "--quiet"]);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("fetches every visible file byte-for-byte and nothing hidden", async () => {
    const origin = new URL(server.url).origin;
    const queue = ["/"];
    const seen = new Set(queue);
    const fetched = new Map<string, Buffer>();
    let requests = 0;
    while (queue.length > 0 && requests < MAX_REQUESTS) {
      const pathname = queue.shift() as string;
      requests += 1;
      const response = await fetch(origin + pathname, { redirect: "manual" });
      expect(response.status, pathname).toBe(200);
      const body = Buffer.from(await response.arrayBuffer());
      if (!pathname.endsWith("/")) {
        fetched.set(decodeURIComponent(pathname.slice(1)), body);
        continue;
      }
      for (const [, href] of body.toString().matchAll(/<a href="([^"]*)"/g)) {
        const target = new URL(decodeEntities(href ?? ""), origin + pathname);
        if (target.origin !== origin || target.search !== "" || !target.pathname.startsWith(pathname) || seen.has(target.pathname))
          continue;
        seen.add(target.pathname);
        queue.push(target.pathname);
      }
    }
    const expected = visibleFiles(folder).sort();
    expect([...fetched.keys()].sort()).toEqual(expected);
    for (const name of expected) expect(fetched.get(name)?.equals(readFileSync(path.join(folder, name))), name).toBe(true);
    expect(expected.length).toBe(1_500);
  });
});
