import { rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFolder, type RunningCli, startCli } from "../helpers/cli.js";

/**
 * Issues 5 and 6: 200 random adds, edits and deletes while requests run. Every answer is the old
 * file, the new file or a 404: no 5xx, no Content-Length that disagrees with the body, no 206 with
 * bytes that no version of the file ever had.
 */

const NAMES = Array.from({ length: 20 }, (_, index) => `churn/file-${index}.txt`);
const CHANGES = 200;
const WORKERS = 6;

interface Answer {
  status: number;
  length: number | null;
  body: Buffer;
}

function get(url: URL, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers: { "Accept-Encoding": "identity", ...headers }, timeout: 15_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const length = response.headers["content-length"];
        resolve({ status: response.statusCode ?? 0, length: length === undefined ? null : Number(length), body: Buffer.concat(chunks) });
      });
      response.on("error", reject);
    });
    outgoing.on("timeout", () => outgoing.destroy(new Error(`timeout on ${url.href}`)));
    outgoing.on("error", reject);
    outgoing.end();
  });
}

/** A version's bytes say which file and version they are, and differ in length from version to version. */
const contentOf = (name: string, version: number) => `${name} version ${version}\n${"x".repeat(version % 97)}\n`;

describe("a folder changing under load", () => {
  let folder: string;
  let server: RunningCli;
  const versions = new Map<string, Set<string>>();

  beforeAll(async () => {
    folder = await makeFolder(Object.fromEntries(NAMES.map((name) => [name, contentOf(name, 0)])));
    for (const name of NAMES) versions.set(name, new Set([contentOf(name, 0)]));
    server = await startCli([folder, "--port", "0", "--quiet"]);
  });
  afterAll(async () => {
    await server?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it("never answers 5xx, a torn body or bytes from no version", async () => {
    let random = 42;
    const next = (limit: number) => {
      random = (random * 1103515245 + 12345) % 2 ** 31;
      return random % limit;
    };
    let isChanging = true;
    const problems: string[] = [];
    const counts = { requests: 0, ok: 0, missing: 0, partial: 0 };

    const change = async () => {
      for (let step = 1; step <= CHANGES; step += 1) {
        const name = NAMES[next(NAMES.length)] as string;
        const file = path.join(folder, name);
        if (next(4) === 0) await rm(file, { force: true });
        else {
          const content = contentOf(name, step);
          versions.get(name)?.add(content);
          await writeFile(file, content);
        }
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
      isChanging = false;
    };

    const load = async () => {
      while (isChanging) {
        const name = NAMES[next(NAMES.length)] as string;
        const isRange = next(3) === 0;
        const answer = await get(new URL(name, server.url), isRange ? { Range: "bytes=0-9" } : {});
        counts.requests += 1;
        const known = [...(versions.get(name) ?? [])];
        if (answer.status >= 500) problems.push(`${name}: ${answer.status}`);
        if (answer.length !== null && answer.length !== answer.body.length)
          problems.push(`${name}: Content-Length ${answer.length}, body ${answer.body.length}`);
        if (answer.status === 200) {
          counts.ok += 1;
          if (!known.includes(answer.body.toString())) problems.push(`${name}: 200 with bytes of no version`);
        } else if (answer.status === 206) {
          counts.partial += 1;
          if (!known.some((content) => content.slice(0, 10) === answer.body.toString()))
            problems.push(`${name}: 206 with bytes of no version`);
        } else if (answer.status === 404) counts.missing += 1;
        else problems.push(`${name}: unexpected ${answer.status}`);
      }
    };

    await Promise.all([change(), ...Array.from({ length: WORKERS }, load)]);
    expect(problems).toEqual([]);
    expect(counts.requests).toBeGreaterThan(CHANGES);
    expect(counts.ok).toBeGreaterThan(0);
    expect(counts.partial).toBeGreaterThan(0);
  });
});
