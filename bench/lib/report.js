import { DASH, formatMiB, formatMs, formatRatio, formatRps, formatSeconds, ratio, table } from "./format.js";
import { WORKLOADS } from "./measure.js";

function loadCell(workload) {
  if (!workload) return DASH;
  const flag = workload.errors > 0 ? ` (${workload.errors} errors)` : "";
  return `${formatRps(workload.requestsPerSecond)} (${formatMs(workload.p50Ms)} / ${formatMs(workload.p99Ms)})${flag}`;
}

function formatLoad({ load, settings }) {
  const kinds = Object.keys(load);
  const others = kinds.filter((kind) => kind !== "python");
  const workloadOf = (kind, name) => load[kind]?.workloads[name];
  return [
    `Load (1k tree): wrk -t1 -c${settings.connections} --latency, ${settings.durationSeconds} s per workload, ` +
      `median of ${settings.rounds} round(s); requests/s (p50 / p99 ms)`,
    table(
      ["workload", ...kinds, ...others.map((kind) => `${kind}/python rps`), "edgeserve/python p99"],
      WORKLOADS.map(({ name, label }) => [
        label,
        ...kinds.map((kind) => loadCell(workloadOf(kind, name))),
        ...others.map((kind) =>
          formatRatio(ratio(workloadOf(kind, name)?.requestsPerSecond, workloadOf("python", name)?.requestsPerSecond)),
        ),
        formatRatio(ratio(workloadOf("edgeserve", name)?.p99Ms, workloadOf("python", name)?.p99Ms)),
      ]),
    ),
    "Memory during the load runs: RSS of each server's process tree (MiB)",
    table(
      ["server", "idle", "right after load (max)", "peak under load", "at the peak, per process"],
      kinds.map((kind) => {
        const { idleBytes, afterLoadBytes, peakLoadBytes, peakByProcess = [] } = load[kind].memory;
        const processes = peakByProcess.map((row) => `${row.name} ${formatMiB(row.bytes)}`).join(", ");
        return [kind, formatMiB(idleBytes), formatMiB(afterLoadBytes), formatMiB(peakLoadBytes), processes];
      }),
    ),
  ];
}

function formatStartup({ startup, changes }) {
  const kinds = Object.keys(startup);
  const labels = [...new Set(Object.values(startup).flatMap((byTree) => Object.keys(byTree)))];
  const filesOf = (label) =>
    Object.values(startup)
      .find((byTree) => byTree[label])
      [label].files.toLocaleString("en");
  const changeRows = labels.flatMap((label) =>
    kinds.map((kind) => {
      const change = changes[kind][label];
      return [filesOf(label), kind, ...[change.listedMs, change.servedMs, change.unlistedMs, change.goneMs].map(formatMs)];
    }),
  );
  return [
    "Start-up: spawn to the first 200 on / (seconds), then the idle RSS of the process tree (MiB)",
    table(
      ["files", ...kinds.map((kind) => `${kind} s`), ...kinds.map((kind) => `${kind} MiB`)],
      labels.map((label) => [
        filesOf(label),
        ...kinds.map((kind) => formatSeconds(startup[kind][label].startupMs)),
        ...kinds.map((kind) => formatMiB(startup[kind][label].idleBytes)),
      ]),
    ),
    "A file added to the tree's 1,000-entry listing/ folder, then deleted: ms until the listing and the file show it " +
      "(– : bare has no listing, or not within 30 s)",
    table(["files", "server", "listed", "served", "unlisted", "404"], changeRows),
  ];
}

function formatFirstAnswer(firstAnswer) {
  return [
    'First answer on a small folder (public/): spawn to the first 200 on / (seconds); the banner\'s own "Ready in"',
    table(
      ["command", "runs", "median", "min – max", "banner says"],
      firstAnswer.map(({ label, runs, medianMs, minMs, maxMs, bannerSeconds }) => [
        `\`${label}\``,
        runs,
        formatSeconds(medianMs),
        `${formatSeconds(minMs)} – ${formatSeconds(maxMs)}`,
        bannerSeconds === null ? DASH : `${bannerSeconds.toFixed(1)} s`,
      ]),
    ),
  ];
}

export function describeWideListing(wide) {
  return `status ${wide.status}, ${Math.round(wide.bytes / 1024).toLocaleString("en")} KiB in ${formatMs(wide.ms)} ms`;
}

export function formatTables(results) {
  const sections = [...formatLoad(results), ...formatStartup(results), ...formatFirstAnswer(results.firstAnswer)];
  if (results.wideListing) sections.push(`10,000-entry listing (edgeserve, 20k tree): ${describeWideListing(results.wideListing)}`);
  return sections.join("\n\n");
}
