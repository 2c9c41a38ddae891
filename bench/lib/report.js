import { WORKLOADS } from "./measure.js";

const DASH = "–";

const formatRps = (value) => (value === null || value === undefined ? DASH : Math.round(value).toLocaleString("en"));
const formatMs = (value) => (value === null || value === undefined ? DASH : value >= 100 ? `${Math.round(value)}` : value.toFixed(1));
const formatMiB = (bytes) => (bytes ? `${Math.round(bytes / 2 ** 20).toLocaleString("en")}` : DASH);
const formatSeconds = (ms) => (ms === undefined ? DASH : (ms / 1000).toFixed(1));
const formatRatio = (value) => (value === null || !Number.isFinite(value) ? DASH : `${value.toFixed(2)}×`);

function ratio(numerator, denominator) {
  return numerator === null || numerator === undefined || !denominator ? null : numerator / denominator;
}

function table(header, rows) {
  const lines = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const row of rows) lines.push(`| ${row.join(" | ")} |`);
  return lines.join("\n");
}

function loadCell(workload) {
  if (!workload) return DASH;
  const flag = workload.errors > 0 ? ` (${workload.errors} errors)` : "";
  return `${formatRps(workload.requestsPerSecond)} (${formatMs(workload.p50Ms)} / ${formatMs(workload.p99Ms)})${flag}`;
}

export function formatTables(results) {
  const { load, startup, settings } = results;
  const kinds = Object.keys(load);
  const sections = [];
  const workloadOf = (kind, name) => load[kind]?.workloads[name];
  sections.push(
    `Load: wrk -t1 -c${settings.connections} --latency, ${settings.durationSeconds} s per workload, median of ${settings.rounds} round(s); requests/s (p50 / p99 ms)`,
    table(
      ["workload", ...kinds, "edgeserve/python rps", "edgeserve/bare rps", "edgeserve/python p99"],
      WORKLOADS.map((workload) => {
        const edge = workloadOf("edgeserve", workload.name);
        const python = workloadOf("python", workload.name);
        const bare = workloadOf("bare", workload.name);
        return [
          workload.label,
          ...kinds.map((kind) => loadCell(workloadOf(kind, workload.name))),
          formatRatio(ratio(edge?.requestsPerSecond, python?.requestsPerSecond)),
          formatRatio(ratio(edge?.requestsPerSecond, bare?.requestsPerSecond)),
          formatRatio(ratio(edge?.p99Ms, python?.p99Ms)),
        ];
      }),
    ),
  );
  const treeLabels = [...new Set(Object.values(startup).flatMap((byTree) => Object.keys(byTree)))];
  sections.push(
    "Start-up: spawn to first 200 on / (seconds); idle RSS of the process tree after start-up (MiB)",
    table(
      ["files", ...kinds.map((kind) => `${kind} s`), "edgeserve/bare", ...kinds.map((kind) => `${kind} MiB`)],
      treeLabels.map((label) => {
        const files = Object.values(startup).find((byTree) => byTree[label])?.[label].files;
        return [
          files.toLocaleString("en"),
          ...kinds.map((kind) => formatSeconds(startup[kind]?.[label]?.startupMs)),
          formatRatio(ratio(startup.edgeserve?.[label]?.startupMs, startup.bare?.[label]?.startupMs)),
          ...kinds.map((kind) => formatMiB(startup[kind]?.[label]?.idleBytes)),
        ];
      }),
    ),
  );
  sections.push(
    "Memory during the load runs (1k tree): RSS of each server's process tree (MiB)",
    table(
      ["server", "idle", "right after load (max)", "peak under load"],
      kinds.map((kind) => {
        const memory = load[kind].memory;
        return [kind, formatMiB(memory.idleBytes), formatMiB(memory.afterLoadBytes), formatMiB(memory.peakLoadBytes)];
      }),
    ),
  );
  if (results.changes) {
    const rows = treeLabels.flatMap((label) =>
      kinds.filter((kind) => results.changes[kind]?.[label]).map((kind) => {
        const change = results.changes[kind][label];
        return [label, kind, formatMs(change.listedMs), formatMs(change.servedMs), formatMs(change.unlistedMs), formatMs(change.goneMs)];
      }),
    );
    if (rows.length > 0) {
      sections.push(
        "A file added to a 1,000-entry folder, then deleted: milliseconds until the listing and the file show it (– : no listing, or not within 30 s)",
        table(["tree", "server", "listed", "served", "unlisted", "404"], rows),
      );
    }
  }
  if (results.wideListing) sections.push(`10,000-entry listing: ${describeWideListing(results.wideListing)}`);
  return sections.join("\n\n");
}

function describeWideListing(wide) {
  return `status ${wide.status}, ${Math.round(wide.bytes / 1024).toLocaleString("en")} KiB in ${formatMs(wide.ms)} ms`;
}

/** Issue 9's targets, each as [description, isMet or null when not measured, figures]. */
export function checkTargets(results) {
  const { load, startup } = results;
  const edge = (name) => load.edgeserve?.workloads[name];
  const python = (name) => load.python?.workloads[name];
  const bare = (name) => load.bare?.workloads[name];
  const atLeast = (value, bound) => (value === null ? null : value >= bound);
  const atMost = (value, bound) => (value === null ? null : value <= bound);
  const checks = [];
  for (const name of ["small", "large"]) {
    const vsBare = ratio(edge(name)?.requestsPerSecond, bare(name)?.requestsPerSecond);
    checks.push([`${name} file rps ≥ 0.9× bare`, atLeast(vsBare, 0.9), formatRatio(vsBare)]);
    const p99 = ratio(edge(name)?.p99Ms, python(name)?.p99Ms);
    checks.push([`${name} file p99 ≤ 0.1× python`, atMost(p99, 0.1), `${formatMs(edge(name)?.p99Ms)} vs ${formatMs(python(name)?.p99Ms)} ms`]);
  }
  const listing = ratio(edge("listing")?.requestsPerSecond, python("listing")?.requestsPerSecond);
  checks.push(["listing rps ≥ 10× python", atLeast(listing, 10), formatRatio(listing)]);
  checks.push(["listing p99 ≤ 100 ms", atMost(edge("listing")?.p99Ms ?? null, 100), `${formatMs(edge("listing")?.p99Ms)} ms`]);
  if (results.wideListing) checks.push(["10,000-entry listing in one response", results.wideListing.status === 200, describeWideListing(results.wideListing)]);
  const missing = ratio(edge("missing")?.requestsPerSecond, bare("missing")?.requestsPerSecond);
  checks.push(["404 rps ≥ 0.9× bare", atLeast(missing, 0.9), formatRatio(missing)]);
  for (const [label, byTree] of Object.entries(startup.edgeserve ?? {})) {
    const vsBare = ratio(byTree.startupMs, startup.bare?.[label]?.startupMs);
    checks.push([`start-up ≤ 1.2× bare at ${label}`, atMost(vsBare, 1.2), `${formatSeconds(byTree.startupMs)} s, ${formatRatio(vsBare)}`]);
  }
  const largest = startup.edgeserve?.["95k"];
  if (largest) checks.push(["start-up ≤ 3 s at ~95k (ambitious)", largest.startupMs <= 3000, `${formatSeconds(largest.startupMs)} s`]);
  const idle = ratio(load.edgeserve?.memory.idleBytes, load.bare?.memory.idleBytes);
  const peak = ratio(load.edgeserve?.memory.peakLoadBytes, load.bare?.memory.peakLoadBytes);
  checks.push(["idle RSS ≤ 1.1× bare", atMost(idle, 1.1), formatRatio(idle)]);
  checks.push(["peak load RSS ≤ 1.1× bare", atMost(peak, 1.1), formatRatio(peak)]);
  return checks;
}

export function formatTargets(checks) {
  const mark = (isMet) => (isMet === null ? "not measured" : isMet ? "met" : "MISSED");
  return table(["target (issue 9)", "result", "figures"], checks.map(([name, isMet, figures]) => [name, mark(isMet), figures]));
}
