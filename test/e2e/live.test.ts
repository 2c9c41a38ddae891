import { mkdir, rename, rm, symlink, truncate, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFolder, type RunningCli, startCli } from "../helpers/cli.js";

/** a change on disk shows in listings and files without a restart. */

interface ListingJson {
  entries: { name: string; type: string; size: number | null }[];
}

const DEADLINE_MS = 10_000;

async function listNames(url: URL): Promise<string[]> {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (response.status !== 200) return [];
  return ((await response.json()) as ListingJson).entries.map((entry) => entry.name);
}

/** Polls until `check` holds, bounded; returns the milliseconds it took. */
async function waitFor(check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < DEADLINE_MS) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`condition not met within ${DEADLINE_MS} ms`);
}

describe("a live folder", () => {
  let folder: string;
  let server: RunningCli;
  let outside: string;
  const at = (relative: string) => new URL(relative, server.url);
  const statusOf = async (relative: string) => {
    const response = await fetch(at(relative));
    await response.arrayBuffer();
    return response.status;
  };

  beforeAll(async () => {
    outside = await makeFolder({ "secret.txt": "outside\n" });
    folder = await makeFolder({ "a.txt": "a\n", "docs/readme.txt": "read me\n", "old-name.txt": "renamed\n", "gone/x.txt": "x\n" });
    server = await startCli([folder, "--port", "0", "--quiet"]);
  });
  afterAll(async () => {
    await server?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it("shows an added file in its listing and serves it", async () => {
    await writeFile(path.join(folder, "docs", "new.txt"), "new\n");
    await waitFor(async () => (await listNames(at("docs/"))).includes("new.txt"));
    await waitFor(async () => (await statusOf("docs/new.txt")) === 200);
    expect(await (await fetch(at("docs/new.txt"))).text()).toBe("new\n");
  });

  it("serves an edited file's new bytes with a matching length and a new ETag", async () => {
    const before = await fetch(at("a.txt"));
    const etag = before.headers.get("ETag");
    await before.arrayBuffer();
    await writeFile(path.join(folder, "a.txt"), "a longer body\n");
    await waitFor(async () => {
      const response = await fetch(at("a.txt"), { headers: { "Accept-Encoding": "identity" } });
      const body = await response.text();
      expect(Number(response.headers.get("Content-Length"))).toBe(Buffer.byteLength(body));
      const current = response.headers.get("ETag");
      return body === "a longer body\n" && current !== null && current !== etag;
    });
    const revalidated = await fetch(at("a.txt"), { headers: { "If-None-Match": etag ?? "" } });
    expect(revalidated.status).toBe(200);
    await revalidated.arrayBuffer();
  });

  it("drops a deleted file from listing and serving", async () => {
    await rm(path.join(folder, "docs", "readme.txt"));
    await waitFor(async () => !(await listNames(at("docs/"))).includes("readme.txt"));
    await waitFor(async () => (await statusOf("docs/readme.txt")) === 404);
  });

  it("follows a rename", async () => {
    await rename(path.join(folder, "old-name.txt"), path.join(folder, "new-name.txt"));
    await waitFor(async () => {
      const names = await listNames(server.url as unknown as URL);
      return names.includes("new-name.txt") && !names.includes("old-name.txt");
    });
    await waitFor(async () => (await statusOf("new-name.txt")) === 200 && (await statusOf("old-name.txt")) === 404);
  });

  it("follows directories added, renamed and removed", async () => {
    await mkdir(path.join(folder, "fresh", "deep"), { recursive: true });
    await writeFile(path.join(folder, "fresh", "deep", "f.txt"), "f\n");
    await waitFor(async () => (await statusOf("fresh/deep/f.txt")) === 200);
    await rename(path.join(folder, "fresh"), path.join(folder, "moved"));
    await waitFor(async () => (await statusOf("moved/deep/f.txt")) === 200 && (await statusOf("fresh/deep/f.txt")) === 404);
    await rm(path.join(folder, "gone"), { recursive: true });
    await waitFor(async () => (await statusOf("gone/x.txt")) === 404 && !(await listNames(new URL(server.url))).includes("gone"));
  });

  it("keeps an added dotfile and a link out of the folder invisible", async () => {
    await writeFile(path.join(folder, ".secret"), "hidden\n");
    await symlink(path.join(outside, "secret.txt"), path.join(folder, "escape.txt"));
    await writeFile(path.join(folder, "marker.txt"), "m\n");
    await waitFor(async () => (await statusOf("marker.txt")) === 200);
    const names = await listNames(new URL(server.url));
    expect(names).not.toContain(".secret");
    expect(names).not.toContain("escape.txt");
    expect(await statusOf(".secret")).toBe(404);
    expect(await statusOf("escape.txt")).toBe(404);
  });

  it("shows a change inside a linked directory under the link too", async () => {
    await mkdir(path.join(folder, "real-dir"));
    await writeFile(path.join(folder, "real-dir", "one.txt"), "1\n");
    await symlink(path.join(folder, "real-dir"), path.join(folder, "linked-dir"));
    await waitFor(async () => (await statusOf("linked-dir/one.txt")) === 200);
    await writeFile(path.join(folder, "real-dir", "two.txt"), "2\n");
    await waitFor(async () => (await listNames(at("linked-dir/"))).includes("two.txt"));
    await waitFor(async () => (await statusOf("linked-dir/two.txt")) === 200);
  });

  it("serves a file that grows past 25 MiB at its new length", async () => {
    await writeFile(path.join(folder, "grows.bin"), "small");
    await waitFor(async () => (await statusOf("grows.bin")) === 200);
    await truncate(path.join(folder, "grows.bin"), 26 * 1024 * 1024);
    await waitFor(
      async () => (await fetch(at("grows.bin"), { method: "HEAD" })).headers.get("Content-Length") === String(26 * 1024 * 1024),
    );
    await waitFor(async () => (await (await fetch(at(""))).text()).includes("over the edge's limit"));
  });

  it("applies a burst of 1,000 new files as one update", async () => {
    await mkdir(path.join(folder, "burst"));
    await Promise.all(Array.from({ length: 1000 }, (_, index) => writeFile(path.join(folder, "burst", `f${index}.txt`), `${index}\n`)));
    await waitFor(async () => (await listNames(at("burst/"))).length === 1000);
    await waitFor(async () => (await statusOf("burst/f999.txt")) === 200);
    expect(await (await fetch(at("burst/f0.txt"))).text()).toBe("0\n");
  });
});
