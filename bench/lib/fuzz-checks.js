import { parseResponses } from "./fuzz-framing.js";

/**
 * What the fuzzer counts as a finding for one case's answer. Process deaths and failed
 * liveness checks are the runner's (fuzz-run.js); everything that one connection shows is here.
 */
export const FINDING_KINDS = ["death", "5xx", "hang", "framing", "leak"];

/**
 * 5xx answers that workerd's own HTTP parser sends before any code of ours runs, matched by status
 * and body. Each entry needs its reason and a measurement; an answer that is not here is a finding.
 */
export const RUNTIME_PARSER_ANSWERS = [
  {
    status: 501,
    bodyStartsWith: "ERROR: Unrecognized request method.",
    reason: "workerd answers a method it does not know (get, M-SEARCH, PRI) with 501 before the worker runs: RFC 9110 §15.6.2",
  },
  {
    status: 500,
    method: "CONNECT",
    bodyStartsWith: "Internal Server Error",
    reason:
      "workerd hands CONNECT to a socket handler the worker does not have (one that had it could only answer 200, a tunnel) and answers 500 itself",
  },
];

export function isRuntimeParserAnswer(response) {
  return RUNTIME_PARSER_ANSWERS.some(
    (entry) =>
      entry.status === response.status &&
      (entry.method === undefined || entry.method === response.method) &&
      response.bodySample.startsWith(entry.bodyStartsWith),
  );
}

/** Findings for one case: its bytes on the wire, the server's bytes back, and the canaries to look for. */
export function judgeCase({ fuzzCase, result, canaries }) {
  const findings = [];
  const { responses, errors } = parseResponses(result.bytes, { methods: fuzzCase.methods, isClosed: result.isClosed });
  for (const response of responses) {
    if (response.status >= 500 && !isRuntimeParserAnswer(response)) {
      findings.push({ kind: "5xx", detail: `${response.status} ${firstLineOf(response.bodySample)}` });
    }
  }
  const isUnanswered = result.isTimedOut && (responses.length === 0 || errors.length > 0);
  if (isUnanswered)
    findings.push({ kind: "hang", detail: `no whole answer and no close within the timeout (${describeReceived(result, responses)})` });
  else for (const error of errors) findings.push({ kind: "framing", detail: error });
  const received = result.bytes.toString("latin1");
  for (const [name, canary] of Object.entries(canaries)) {
    if (received.includes(canary)) findings.push({ kind: "leak", detail: `the ${name} canary appeared in the answer` });
  }
  return { findings, statuses: responses.map((response) => response.status) };
}

function firstLineOf(text) {
  return JSON.stringify(text.split("\n")[0].slice(0, 80));
}

function describeReceived(result, responses) {
  return `${result.bytes.length} bytes received, ${responses.length} answers`;
}
