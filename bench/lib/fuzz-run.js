import { judgeCase } from "./fuzz-checks.js";
import { checkLiveness, sendCase } from "./fuzz-client.js";

/**
 * Runs the cases over `concurrency` connections, each case followed by its own liveness check
 * (`GET /` on a fresh connection). When the server dies or stops answering, the cases in flight and
 * those finished in the last RECENT_MS are suspects: the server is restarted and each suspect is
 * replayed alone, so a death is pinned on the request that causes it, not on its neighbours.
 */
const RECENT_MS = 1_000;
const RECENT_LIMIT = 32;
/** A replayed suspect gets time to die even when its answer looked fine. */
const REPLAY_GRACE_MS = 150;
const LIVENESS_RETRY_DELAY_MS = 1_000;
/**
 * A request that kills the CLI does so 45-65 ms after its 500 (measured: the runtime's log line
 * reaches Node, which throws), so after a failed case the liveness check waits that long first.
 */
const SETTLE_AFTER_FAILURE_MS = 100;

export async function runCases({ cases, target, restartTarget, options, canaries }) {
  const state = {
    target,
    findings: [],
    requestsSent: 0,
    casesRun: 0,
    deaths: 0,
    restarts: 0,
    stopReason: null,
    inFlight: 0,
    recent: [],
    recovering: null,
    next: 0,
    statusCounts: {},
  };
  const context = { state, restartTarget, options, canaries };
  const worker = async () => {
    while (state.stopReason === null && state.next < cases.length) {
      if (state.recovering) {
        await state.recovering;
        continue;
      }
      const fuzzCase = cases[state.next++];
      state.inFlight += 1;
      const outcome = await runOne(context, fuzzCase);
      state.inFlight -= 1;
      if (outcome.down) await recover(context, fuzzCase, outcome);
      else commit(state, fuzzCase, outcome);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  if (state.stopReason === null && state.next < cases.length) state.stopReason = "stopped";
  return { ...state, casesNotRun: cases.length - state.next };
}

async function runOne({ state, options, canaries }, fuzzCase) {
  const target = state.target;
  const result = await sendCase({ port: target.port, fuzzCase, timeoutMs: options.caseTimeoutMs });
  const judged = judgeCase({ fuzzCase, result, canaries });
  if (judged.findings.length > 0 || judged.statuses.length === 0) await sleep(SETTLE_AFTER_FAILURE_MS);
  let liveness = await checkLiveness({ port: target.port, timeoutMs: options.livenessTimeoutMs });
  state.requestsSent += fuzzCase.requestCount + 1;
  if (!liveness.isAlive && !liveness.isRefused && !(await isDeadWithin(target, LIVENESS_RETRY_DELAY_MS))) {
    // One more try before calling it down: a single slow answer under load is not a stall.
    liveness = await checkLiveness({ port: target.port, timeoutMs: options.livenessTimeoutMs });
    state.requestsSent += 1;
  }
  const down = target.isDead || target !== state.target || !liveness.isAlive;
  return { ...judged, down, liveness, port: target.port };
}

function commit(state, fuzzCase, outcome) {
  state.casesRun += 1;
  state.recent.push({ fuzzCase, at: performance.now() });
  if (state.recent.length > RECENT_LIMIT) state.recent.shift();
  for (const status of outcome.statuses) state.statusCounts[status] = (state.statusCounts[status] ?? 0) + 1;
  for (const finding of outcome.findings) state.findings.push({ ...finding, fuzzCase, port: outcome.port, statuses: outcome.statuses });
}

function recover(context, suspect, outcome) {
  const { state } = context;
  state.suspects ??= new Map();
  state.suspects.set(suspect, outcome);
  state.firstDown ??= { kind: downKind(state.target, outcome), detail: describeDown(state.target, outcome.liveness), port: outcome.port };
  state.recovering ??= replaySuspects(context).finally(() => (state.recovering = null));
  return state.recovering;
}

/**
 * Waits for the other connections to settle, restarts, and (with several connections) replays each
 * case that saw the server go down, alone; only if none of them does it again, the cases finished
 * just before.
 */
async function replaySuspects(context) {
  const { state } = context;
  while (state.inFlight > 0) await sleep(20);
  const cutoff = performance.now() - RECENT_MS;
  const flagged = [...state.suspects.keys()];
  const onlyOutcome = flagged.length === 1 ? state.suspects.get(flagged[0]) : null;
  const recent = state.recent
    .filter((entry) => entry.at >= cutoff)
    .map((entry) => entry.fuzzCase)
    .reverse();
  const firstDown = state.firstDown;
  Object.assign(state, { suspects: null, firstDown: null, recent: [] });
  const names = [...flagged, ...recent].map((fuzzCase) => fuzzCase.name).join("; ");
  if (!(await restart(context))) {
    if (onlyOutcome) commit(state, flagged[0], onlyOutcome);
    recordDown(state, {
      ...firstDown,
      fuzzCase: flagged[0],
      detail: `${firstDown.detail}; not replayed (${state.stopReason}); suspects: ${names}`,
    });
    return;
  }
  if (context.options.concurrency === 1 && onlyOutcome && firstDown.kind === "death") {
    // One connection: nothing else was in flight, and a case whose answer failed waited out
    // SETTLE_AFTER_FAILURE_MS before its liveness check, so the death is this case's own.
    commit(state, flagged[0], onlyOutcome);
    recordDown(state, { ...firstDown, fuzzCase: flagged[0], statuses: onlyOutcome.statuses });
    return;
  }
  const culprits = await replayEach(context, { cases: flagged, isCommitted: false });
  if (culprits === 0 && state.stopReason === null && (await replayEach(context, { cases: recent, isCommitted: true })) === 0) {
    recordDown(state, {
      ...firstDown,
      fuzzCase: flagged[0],
      detail: `${firstDown.detail}; not reproduced by any suspect alone (${names})`,
    });
  }
}

/**
 * Replays cases one by one on the live server; a case that takes it down again is the finding.
 * A case `isCommitted` already counted its answers, so only the death is added.
 */
async function replayEach(context, { cases, isCommitted }) {
  const { state } = context;
  let culprits = 0;
  for (const fuzzCase of cases) {
    if (state.stopReason !== null) break;
    const outcome = await runOne(context, fuzzCase);
    await sleep(REPLAY_GRACE_MS);
    const target = state.target;
    if (!isCommitted) commit(state, fuzzCase, outcome);
    if (!outcome.down && !target.isDead) continue;
    culprits += 1;
    recordDown(state, {
      kind: downKind(target, outcome),
      detail: describeDown(target, outcome.liveness),
      fuzzCase,
      port: outcome.port,
      statuses: outcome.statuses,
    });
    await restart(context);
  }
  return culprits;
}

function recordDown(state, { kind, detail, fuzzCase, port, statuses = [] }) {
  if (kind === "death") state.deaths += 1;
  state.findings.push({ kind, detail, fuzzCase, port, statuses });
}

function downKind(target, outcome) {
  return target.isDead || outcome.liveness.isRefused ? "death" : "hang";
}

async function restart(context) {
  const { state, restartTarget, options } = context;
  if (!state.target.canRestart) {
    state.stopReason = "stopped: the server went down and it is not ours to restart";
    return false;
  }
  await state.target.stop();
  if (state.restarts >= options.maxRestarts) {
    state.stopReason = `stopped after ${state.restarts} restarts of the server (the most one run makes)`;
    return false;
  }
  state.restarts += 1;
  state.target = await restartTarget();
  return true;
}

function describeDown(target, liveness) {
  if (target.isDead) return `the server process exited (${JSON.stringify(target.exit)}): ${target.lastOutput()}`;
  return `GET / on a fresh connection failed: ${liveness?.detail ?? "no answer"}`;
}

async function isDeadWithin(target, ms) {
  const deadline = performance.now() + ms;
  while (!target.isDead && performance.now() < deadline) await sleep(10);
  return target.isDead;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
