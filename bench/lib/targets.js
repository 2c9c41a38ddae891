import { formatMiB, formatMs, formatRatio, formatRps, formatSeconds, ratio, table } from "./format.js";

const MIB = 2 ** 20;
const CHANGE_BOUND_MS = 250;
const STARTUP_BOUNDS_MS = { "20k": 1_500, "95k": 3_000 };

const atLeast = (value, bound) => (value === null ? null : value >= bound);
const atMost = (value, bound) => (value === null || value === undefined ? null : value <= bound);
/** The later of two latencies; a change that never showed (null) stays null. */
const later = (a, b) => (a === null || b === null ? null : Math.max(a, b));

/** The targets, the first answer included, each as { target, isMet (null: not measured), figures }. */
export function checkTargets({ load, startup, changes, firstAnswer }) {
  const edge = (name) => load.edgeserve.workloads[name];
  const python = (name) => load.python.workloads[name];
  const checks = [];
  const check = (target, isMet, figures) => checks.push({ target, isMet, figures });
  const versusPython = (name, label, bound) => {
    const rps = ratio(edge(name).requestsPerSecond, python(name).requestsPerSecond);
    const figures = `${formatRps(edge(name).requestsPerSecond)} vs ${formatRps(python(name).requestsPerSecond)} (${formatRatio(rps)})`;
    check(`${label} ≥ ${bound}× python's requests/s`, atLeast(rps, bound), figures);
  };
  versusPython("small", "1 KiB file", 2.5);
  versusPython("large", "1 MiB file", 1.1);
  for (const [name, label] of [
    ["small", "1 KiB"],
    ["large", "1 MiB"],
  ]) {
    const p99 = ratio(edge(name).p99Ms, python(name).p99Ms);
    check(
      `${label} p99 ≤ 0.1× python's`,
      atMost(p99, 0.1),
      `${formatMs(edge(name).p99Ms)} vs ${formatMs(python(name).p99Ms)} ms (${formatRatio(p99)})`,
    );
  }
  versusPython("listing", "1,000-entry listing", 30);
  const peak = load.edgeserve.memory.peakLoadBytes;
  check("RSS of the process tree under load ≤ 450 MiB", atMost(peak, 450 * MIB), `peak ${formatMiB(peak)} MiB`);
  for (const [label, bound] of Object.entries(STARTUP_BOUNDS_MS)) {
    const measured = startup.edgeserve[label];
    const figures = measured ? `${formatSeconds(measured.startupMs)} s` : "not run";
    check(`start-up to first 200 ≤ ${bound / 1000} s at ${label}`, atMost(measured?.startupMs, bound), figures);
  }
  for (const [label, change] of Object.entries(changes.edgeserve)) {
    const shown = later(change.listedMs, change.servedMs);
    const gone = later(change.unlistedMs, change.goneMs);
    check(`${label}: added file served and listed ≤ ${CHANGE_BOUND_MS} ms`, atMost(shown, CHANGE_BOUND_MS), `${formatMs(shown)} ms`);
    check(`${label}: deleted file 404 and unlisted ≤ ${CHANGE_BOUND_MS} ms`, atMost(gone, CHANGE_BOUND_MS), `${formatMs(gone)} ms`);
  }
  const first = firstAnswer.find((entry) => entry.kind === "edgeserve");
  check(
    "first answer on a small folder ≤ 0.8 s",
    atMost(first.medianMs, 800),
    `median ${formatSeconds(first.medianMs)} s of ${first.runs}`,
  );
  return checks;
}

export function formatTargets(checks) {
  const mark = (isMet) => (isMet === null ? "not measured" : isMet ? "met" : "MISSED");
  return table(
    ["target", "result", "figures"],
    checks.map(({ target, isMet, figures }) => [target, mark(isMet), figures]),
  );
}
