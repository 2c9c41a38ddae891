import { PATHS } from "./folders.js";
import { measureChange } from "./live.js";
import { sleep, treeRss, treeRssByProcess } from "./processes.js";
import { getStatus, startServer } from "./servers.js";
import { runWrk } from "./wrk.js";

/** The load matrix; the bare runtime has no listings, so it skips that one ("–" in the table). */
export const WORKLOADS = [
  { name: "small", label: "1 KiB file", path: PATHS.small, expectedStatus: 200 },
  { name: "large", label: "1 MiB file", path: PATHS.large, expectedStatus: 200 },
  { name: "listing", label: "1,000-entry listing", path: PATHS.listing, expectedStatus: 200, isSkipped: (kind) => kind === "bare" },
  { name: "missing", label: "404", path: PATHS.missing, expectedStatus: 404 },
];

const IDLE_SETTLE_MS = 2_000;
const RSS_SAMPLE_MS = 250;

/**
 * Runs every workload against every running server, `rounds` times, rotating the server order
 * each round so drift in the shared machine's load does not always favour the same server.
 */
export async function measureLoad({ servers, options, log }) {
  await sleep(IDLE_SETTLE_MS);
  const results = {};
  for (const server of servers) {
    results[server.kind] = { memory: { idleBytes: treeRss(server.pid), afterLoadBytes: 0, peakLoadBytes: 0 }, workloads: {} };
  }
  for (let round = 0; round < options.rounds; round += 1) {
    const order = [...servers.slice(round % servers.length), ...servers.slice(0, round % servers.length)];
    for (const workload of WORKLOADS) {
      for (const server of order) {
        if (workload.isSkipped?.(server.kind)) continue;
        log(`round ${round + 1}/${options.rounds}: ${workload.label} on ${server.kind}`);
        await measureOne({ server, workload, options, result: results[server.kind] });
      }
    }
  }
  for (const result of Object.values(results)) {
    for (const [name, runs] of Object.entries(result.workloads)) result.workloads[name] = summarise(runs);
  }
  return results;
}

async function measureOne({ server, workload, options, result }) {
  const url = `${server.baseUrl}${workload.path}`;
  result.workloads[workload.name] ??= { status: await getStatus(url, 10_000), runs: [] };
  const entry = result.workloads[workload.name];
  const load = { url, connections: options.connections };
  await runWrk({ ...load, seconds: Math.min(1, options.durationSeconds) });
  const memory = result.memory;
  // Which process holds the memory at the peak says where to look when the bound is missed.
  const sample = () => {
    const processes = treeRssByProcess(server.pid);
    const bytes = processes.reduce((sum, row) => sum + row.bytes, 0);
    if (bytes > memory.peakLoadBytes) Object.assign(memory, { peakLoadBytes: bytes, peakByProcess: processes });
    return bytes;
  };
  const sampler = setInterval(sample, RSS_SAMPLE_MS);
  try {
    const measured = await runWrk({ ...load, seconds: options.durationSeconds });
    const unexpected = workload.expectedStatus === 200 ? measured.non2xx3xx : measured.requests - measured.non2xx3xx;
    entry.runs.push({ ...measured, errors: measured.socketErrors + unexpected });
  } finally {
    clearInterval(sampler);
  }
  memory.afterLoadBytes = Math.max(memory.afterLoadBytes, sample());
}

function summarise({ status, runs }) {
  return {
    status,
    requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
    p50Ms: median(runs.map((run) => run.p50Ms)),
    p99Ms: median(runs.map((run) => run.p99Ms)),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    runs,
  };
}

export function median(values) {
  const sorted = values.filter((value) => value !== null).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Start-up from spawn to the first 200 on `/`, one server at a time so they do not compete
 * for the two cores, then the idle RSS and the change latency (at every size).
 */
export async function measureStartup({ kinds, trees, workRoot, log }) {
  const results = {};
  const changes = {};
  const wideListings = {};
  for (const tree of trees) {
    for (const kind of kinds) {
      log(`start-up: ${kind} on ${tree.files.toLocaleString("en")} files`);
      const server = await startServer(kind, { directory: tree.directory, workRoot });
      try {
        await sleep(IDLE_SETTLE_MS);
        results[kind] ??= {};
        results[kind][tree.label] = { files: tree.files, startupMs: server.startupMs, idleBytes: treeRss(server.pid) };
        if (kind === "edgeserve" && tree.hasWideListing) wideListings[tree.label] = await fetchTimed(`${server.baseUrl}${PATHS.wide}`);
        log(`change latency: ${kind} on ${tree.files.toLocaleString("en")} files`);
        changes[kind] ??= {};
        changes[kind][tree.label] = await measureChange(server, tree);
      } finally {
        await server.stop();
      }
    }
  }
  return { startup: results, changes, wideListing: Object.values(wideListings)[0] ?? null };
}

/** One whole GET, timed; for the 10,000-entry listing. */
async function fetchTimed(url) {
  const started = performance.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    const bytes = (await response.arrayBuffer()).byteLength;
    return { url, status: response.status, bytes, ms: performance.now() - started };
  } catch (error) {
    return { url, status: error.name, bytes: 0, ms: performance.now() - started };
  }
}
