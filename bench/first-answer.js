#!/usr/bin/env node
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * `npm run bench:first-answer [-- RUNS] [-- BIN]`: time from spawning `node bin/edgeserve.js DIR`
 * to the first 200 from it, on a small folder (target: 0.8 s), as python's
 * `python3 -m http.server` for scale. Also what the banner's "Ready in" said. Medians of RUNS (default 7).
 */
const runs = Number(process.argv[2] ?? 7);
const bin = path.resolve(process.argv[3] ?? path.join(import.meta.dirname, "..", "bin", "edgeserve.js"));
const folder = mkdtempSync(path.join(os.tmpdir(), "edgeserve-first-"));
for (let position = 0; position < 20; position += 1) writeFileSync(path.join(folder, `file-${position}.txt`), `file ${position}\n`);

/** Spawns, polls with a short per-request timeout until a 200, then stops the group. */
async function firstAnswer(command, args, port) {
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: folder,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  let stdout = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  try {
    for (;;) {
      if (performance.now() - started > 30_000) throw new Error(`no answer in 30 s: ${stdout}`);
      const ok = await fetch(`http://127.0.0.1:${port}/file-1.txt`, { signal: AbortSignal.timeout(500) }).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const ms = performance.now() - started;
    const ready = /Ready in ([\d.]+) s/.exec(stdout)?.[1];
    return { ms, ready: ready === undefined ? null : Number(ready) * 1000 };
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid, "SIGINT");
    await exited;
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = { edgeserve: [], readyLine: [], python: [] };
for (let run = 0; run < runs; run += 1) {
  const edge = await firstAnswer(process.execPath, [bin, ".", "--port", "18765", "--quiet"], 18765);
  results.edgeserve.push(edge.ms);
  if (edge.ready !== null) results.readyLine.push(edge.ready);
  results.python.push((await firstAnswer("python3", ["-m", "http.server", "18766", "--bind", "127.0.0.1"], 18766)).ms);
}
rmSync(folder, { recursive: true, force: true });
const line = (label, values) =>
  `${label.padEnd(34)} median ${Math.round(median(values))} ms (min ${Math.round(Math.min(...values))}, max ${Math.round(Math.max(...values))})`;
process.stdout.write(`first answer on a 20-file folder, ${runs} runs, from spawn (${bin}):\n`);
process.stdout.write(`${line("edgeserve", results.edgeserve)}\n`);
if (results.readyLine.length > 0) process.stdout.write(`${line('its banner\'s "Ready in"', results.readyLine)}\n`);
process.stdout.write(`${line("python3 -m http.server", results.python)}\n`);
