import { caseBytes } from "./fuzz-case.js";
import { FINDING_KINDS } from "./fuzz-checks.js";

/**
 * How findings are printed: each with the exact bytes as a JS string literal and a one-line
 * `node -e` that sends them over node's net module (no nc needed), then one summary line that
 * test/e2e/fuzz.test.ts reads.
 */
const RUN_LENGTH_TO_REPEAT = 16;
const KIND_LABELS = { death: "process deaths", "5xx": "5xx", hang: "hangs", framing: "framing errors", leak: "leaks" };

/** A JS string literal (latin1), single-quote free so it fits inside '…' in a shell; long runs as .repeat(). */
export function toJsLiteral(bytes) {
  const parts = [];
  let plain = "";
  for (let index = 0; index < bytes.length; ) {
    let end = index;
    while (end < bytes.length && bytes[end] === bytes[index]) end += 1;
    if (end - index >= RUN_LENGTH_TO_REPEAT) {
      if (plain) parts.push(`"${plain}"`);
      plain = "";
      parts.push(`"${escapeByte(bytes[index])}".repeat(${end - index})`);
    } else {
      for (let at = index; at < end; at += 1) plain += escapeByte(bytes[at]);
    }
    index = end;
  }
  if (plain || parts.length === 0) parts.push(`"${plain}"`);
  return parts.join(" + ");
}

function escapeByte(byte) {
  const named = { 13: "\\r", 10: "\\n", 9: "\\t", 34: '\\"', 92: "\\\\" };
  if (named[byte]) return named[byte];
  if (byte >= 0x20 && byte < 0x7f && byte !== 0x27) return String.fromCharCode(byte);
  return `\\x${byte.toString(16).padStart(2, "0")}`;
}

/** One line of shell: connect, send the pieces as the fuzzer did, print the answer. */
export function toReproducer(fuzzCase, port) {
  const connect = `const s=require("net").connect(${port},"127.0.0.1");s.on("data",d=>process.stdout.write(d));`;
  if (fuzzCase.pieces.length === 1) return `node -e '${connect}s.end(Buffer.from(${toJsLiteral(fuzzCase.pieces[0])},"latin1"))'`;
  const pieces = fuzzCase.pieces.map((piece) => toJsLiteral(piece)).join(",");
  const writeNext = `const p=[${pieces}];let i=0;const w=()=>{s.write(Buffer.from(p[i++],"latin1"));if(i<p.length)setTimeout(w,${fuzzCase.delayMs});else s.end()};s.on("connect",w)`;
  return `node -e '${connect}${writeNext}'`;
}

export function formatFinding(finding) {
  return [
    `[${finding.kind}] ${finding.fuzzCase.name}: ${finding.detail}`,
    `  answers: ${finding.statuses.length > 0 ? finding.statuses.join(", ") : "none"}`,
    `  bytes:   ${toJsLiteral(caseBytes(finding.fuzzCase))}`,
    `  repro:   ${toReproducer(finding.fuzzCase, finding.port)}`,
  ].join("\n");
}

export function countByKind(findings) {
  const counts = Object.fromEntries(FINDING_KINDS.map((kind) => [kind, 0]));
  for (const finding of findings) counts[finding.kind] += 1;
  return counts;
}

/** The summary line; its shape is what test/e2e/fuzz.test.ts matches. */
export function formatSummary({ run, plan, seconds }) {
  const counts = countByKind(run.findings);
  const classes = FINDING_KINDS.map((kind) => `${KIND_LABELS[kind]} ${counts[kind]}`).join(", ");
  return `fuzz summary: ${run.requestsSent} requests sent (${plan.catalogueCount} catalogue + ${plan.mutationCount} mutation cases, seed ${plan.seed}, ${plan.concurrency} connections) in ${seconds.toFixed(1)} s: ${classes}`;
}
