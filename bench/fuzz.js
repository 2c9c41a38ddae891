#!/usr/bin/env node
import { rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { buildCatalogue } from "./lib/fuzz-catalogue.js";
import { buildMutationCases } from "./lib/fuzz-mutate.js";
import { formatFinding, formatSummary } from "./lib/fuzz-report.js";
import { runCases } from "./lib/fuzz-run.js";
import { awaitPendingStops, existingTarget, FUZZ_PATHS, makeFuzzFolder, spawnTarget } from "./lib/fuzz-target.js";

/**
 * `npm run fuzz`: the hostile-request catalogue, then a seeded mutation run over valid
 * requests, over raw sockets to 127.0.0.1, each case followed by a liveness check. Exit 1 on any
 * finding: a process death, a 5xx, a hang, a framing error or a canary leak.
 */
const MODES = {
  // --quick runs in npm test: the whole catalogue, one connection, a short mutation run.
  quick: { count: 150, concurrency: 1, maxRestarts: 40 },
  // The long form: over 50,000 requests (a case and its liveness check are two).
  long: { count: 25_000, concurrency: 4, maxRestarts: 80 },
};
const CASE_TIMEOUT_MS = 5_000;
const LIVENESS_TIMEOUT_MS = 5_000;
const PROGRESS_EVERY_MS = 10_000;
const log = (line) => process.stderr.write(`[fuzz] ${line}\n`);

function parseFuzzOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: "string" },
      count: { type: "string" },
      quick: { type: "boolean" },
      port: { type: "string" },
      url: { type: "string" },
      connections: { type: "string" },
    },
    strict: true,
  });
  const mode = MODES[values.quick ? "quick" : "long"];
  const number = (text, fallback, minimum) => {
    const value = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(value) || value < minimum) throw new Error(`expected a whole number of at least ${minimum}, got ${text}`);
    return value;
  };
  return {
    seed: number(values.seed, 1, 0),
    count: number(values.count, mode.count, 0),
    concurrency: number(values.connections, mode.concurrency, 1),
    maxRestarts: mode.maxRestarts,
    existing: values.url !== undefined || values.port !== undefined ? { url: values.url, port: values.port } : null,
    caseTimeoutMs: CASE_TIMEOUT_MS,
    livenessTimeoutMs: LIVENESS_TIMEOUT_MS,
  };
}

async function main() {
  const options = parseFuzzOptions(process.argv.slice(2));
  const folder = options.existing ? null : makeFuzzFolder();
  // Someone else's server serves someone else's folder: no canary of ours can be in it.
  const canaries = folder?.canaries ?? {};
  let target = null;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.once(signal, () => {
      killGroupNow(target);
      if (folder) rmSync(folder.root, { recursive: true, force: true });
      process.exit(130);
    });
  }
  try {
    target = folder ? await spawnTarget(folder.site) : existingTarget(options.existing);
    log(`target ${target.url}${folder ? ` serving ${folder.site}` : " (started elsewhere: no restarts, no canary checks)"}`);
    const catalogue = buildCatalogue(FUZZ_PATHS);
    const mutations = buildMutationCases({ paths: FUZZ_PATHS, seed: options.seed, count: options.count });
    const started = performance.now();
    const progress = setInterval(() => log(`${Math.round((performance.now() - started) / 1000)} s …`), PROGRESS_EVERY_MS);
    const restartTarget = async () => {
      log("restarting the server");
      target = await spawnTarget(folder.site);
      return target;
    };
    const run = await runCases({ cases: [...catalogue, ...mutations], target, restartTarget, options, canaries }).finally(() =>
      clearInterval(progress),
    );
    target = run.target;
    const seconds = (performance.now() - started) / 1000;
    for (const finding of run.findings) process.stdout.write(`${formatFinding(finding)}\n`);
    if (run.stopReason) process.stdout.write(`${run.stopReason}: ${run.casesNotRun} cases not run\n`);
    process.stdout.write(`answers by status: ${JSON.stringify(run.statusCounts)}; ${run.restarts} server restarts\n`);
    const plan = {
      catalogueCount: catalogue.length,
      mutationCount: mutations.length,
      seed: options.seed,
      concurrency: options.concurrency,
    };
    process.stdout.write(`${formatSummary({ run, plan, seconds })}\n`);
    process.stdout.write(run.findings.length > 0 ? `FAILED: ${run.findings.length} findings\n` : "PASSED\n");
    process.exitCode = run.findings.length > 0 ? 1 : 0;
  } finally {
    await target?.stop();
    await awaitPendingStops();
    if (folder) rmSync(folder.root, { recursive: true, force: true });
  }
}

function killGroupNow(target) {
  try {
    if (target?.pid) process.kill(-target.pid, "SIGKILL");
  } catch {
    // The group is already gone.
  }
}

main().catch((error) => {
  log(error.stack ?? String(error));
  process.exitCode = 2;
});
