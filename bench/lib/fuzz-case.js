/**
 * One fuzz case: the exact bytes to send (in `pieces` written `delayMs` apart, then a half-close),
 * the request methods in order (a HEAD answer has no body: fuzz-framing.js) and how many requests
 * the bytes are meant to hold.
 */
export function makeCase(name, bytes, { methods, pieceCount = 1, delayMs = 0 } = {}) {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, "latin1");
  const caseMethods = methods ?? [firstToken(buffer)];
  return { name, pieces: splitEvenly(buffer, pieceCount), delayMs, methods: caseMethods, requestCount: caseMethods.length };
}

/** A request as text; `host: null` leaves the Host header out, `body` adds a Content-Length. */
export function buildRequest({ method = "GET", target = "/", version = "HTTP/1.1", host = "x", headers = [], body } = {}) {
  const lines = [version === null ? `${method} ${target}` : `${method} ${target} ${version}`];
  if (host !== null) lines.push(`Host: ${host}`);
  lines.push(...headers);
  if (body !== undefined) lines.push(`Content-Length: ${Buffer.byteLength(body, "latin1")}`);
  return `${lines.join("\r\n")}\r\n\r\n${body ?? ""}`;
}

export function caseBytes(fuzzCase) {
  return Buffer.concat(fuzzCase.pieces);
}

/** The method as a server reads it: the first token, only when a space ends it ("HEAD\r\n" is no HEAD). */
function firstToken(buffer) {
  const text = buffer.subarray(0, 64).toString("latin1");
  return /^([^ \r\n]*) /.exec(text)?.[1] ?? "";
}

function splitEvenly(buffer, pieceCount) {
  const size = Math.max(1, Math.ceil(buffer.length / pieceCount));
  const pieces = [];
  for (let start = 0; start < buffer.length; start += size) pieces.push(buffer.subarray(start, start + size));
  return pieces.length > 0 ? pieces : [buffer];
}
