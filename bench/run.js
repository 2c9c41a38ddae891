#!/usr/bin/env node
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { measureFirstAnswer } from "./lib/first-answer.js";
import { ensureTree } from "./lib/folders.js";
import { measureLoad, measureStartup } from "./lib/measure.js";
import { BENCH_HELP, parseBenchOptions } from "./lib/options.js";
import { installCleanup, leftoverWorkerd, stopGroup } from "./lib/processes.js";
import { formatTables } from "./lib/report.js";
import { startServer } from "./lib/servers.js";
import { checkTargets, formatTargets } from "./lib/targets.js";
import { ensureWrk } from "./lib/wrk.js";

/**
 * `npm run bench`: edgeserve and python's http.server side by side in one run, checked against
 * the throughput ratios, start-up, change latency and the first answer; absolute figures on a shared 2-core machine are
 * noise, ratios in one run much less so. Progress goes to stderr.
 */
const log = (line) => process.stderr.write(`[bench] ${line}\n`);

async function main() {
  const options = parseBenchOptions(process.argv.slice(2));
  if (options.isHelp) return void process.stdout.write(BENCH_HELP);
  ensureWrk();
  installCleanup();
  const loadTree = ensureTree("1k");
  const startupTrees = options.trees.map((label) => ensureTree(label));
  const workRoot = mkdtempSync(path.join(os.tmpdir(), "edgeserve-bench-"));
  const started = Date.now();
  try {
    const results = { date: new Date().toISOString(), machine: describeMachine(), settings: describeSettings(options) };
    results.firstAnswer = await measureFirstAnswer({ workRoot, log });
    const { startup, changes, wideListing } = await measureStartup({ kinds: options.servers, trees: startupTrees, workRoot, log });
    Object.assign(results, { startup, changes, wideListing });
    const servers = [];
    try {
      for (const kind of options.servers) {
        log(`starting ${kind} on ${loadTree.files.toLocaleString("en")} files for the load runs`);
        const server = await startServer(kind, { directory: loadTree.directory, workRoot });
        servers.push(server);
      }
      results.load = await measureLoad({ servers, options, log });
    } finally {
      for (const server of servers) await stopGroup(server.pid);
    }
    results.targets = checkTargets(results);
    results.loadAverageAtEnd = describeLoadAverage();
    results.elapsedSeconds = Math.round((Date.now() - started) / 1000);
    writeOutput(results, options);
  } finally {
    const left = leftoverWorkerd();
    for (const line of left) process.kill(Number(line.split(" ")[0]), "SIGKILL");
    if (left.length > 0) log(`workerd still running from this bench (now killed): ${left.join("; ")}`);
    else log("pgrep -a workerd: none of the bench's workerd processes remain");
    rmSync(workRoot, { recursive: true, force: true });
  }
}

function writeOutput(results, options) {
  if (options.outFile) writeFileSync(options.outFile, `${JSON.stringify(results, null, 2)}\n`);
  if (options.isJson && !options.outFile) return void process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  const { machine } = results;
  process.stdout.write(
    [
      `edgeserve bench, ${results.date}, ${machine.cpus} × ${machine.cpuModel}, nproc ${machine.nproc}, ` +
        `load average ${machine.loadAverage} at start, ${results.loadAverageAtEnd} at the end`,
      `node ${machine.node}, workerd ${machine.workerd}, ${machine.python}, ${machine.wrk}; ${results.elapsedSeconds} s`,
      "",
      formatTables(results),
      "",
      formatTargets(results.targets),
      "",
    ].join("\n"),
  );
}

function describeMachine() {
  const read = (command, args) => {
    try {
      return execFileSync(command, args, { encoding: "utf8", timeout: 10_000 }).trim();
    } catch {
      return "unknown";
    }
  };
  const packageVersion = (name) => {
    try {
      return JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), "utf8")).version;
    } catch {
      return "unknown";
    }
  };
  return {
    nproc: Number(read("nproc", [])),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    loadAverage: describeLoadAverage(),
    node: process.versions.node,
    wrangler: packageVersion("wrangler"),
    workerd: packageVersion("workerd"),
    python: read("python3", ["--version"]),
    wrk: read("sh", ["-c", "wrk --version 2>&1 | head -1 | cut -d' ' -f1,2"]),
  };
}

/** Other engineers' test runs share the machine: the load average says how much. */
function describeLoadAverage() {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
}

function describeSettings(options) {
  const { durationSeconds, rounds, connections, trees, servers, isQuick } = options;
  return { durationSeconds, rounds, connections, threads: 1, trees, servers, isQuick, wrkTimeoutSeconds: 10 };
}

main().catch((error) => {
  log(error.stack ?? String(error));
  process.exitCode = 1;
});
