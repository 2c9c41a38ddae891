/**
 * Splits the bytes a server sent on one connection into HTTP/1.1 responses (RFC 9112 §6) and says
 * where the framing is wrong: a Content-Length that disagrees with the bytes that follow, a broken
 * chunk, both Content-Length and Transfer-Encoding, or bytes that are no response at all. Pure:
 * `methods` are the request methods in order (HEAD answers have no body), `isClosed` whether the
 * server closed the connection (a body may then run to the close).
 */
const CRLF = Buffer.from("\r\n");
const HEAD_END = Buffer.from("\r\n\r\n");
const BODY_SAMPLE_BYTES = 200;

export function parseResponses(bytes, { methods = [], isClosed = true } = {}) {
  const responses = [];
  const errors = [];
  let offset = 0;
  while (offset < bytes.length) {
    const head = parseHead(bytes, offset);
    if (head.error) {
      errors.push(`${head.error} at byte ${offset}${isClosed ? "" : " (connection still open)"}`);
      break;
    }
    const method = methods[responses.filter((response) => response.status >= 200).length] ?? "GET";
    const body = parseBody(bytes, { head, method, isClosed });
    responses.push({ ...head.response, method, bodyLength: body.length, framing: body.framing, bodySample: body.sample });
    if (body.error) {
      errors.push(`${body.error} (status ${head.response.status} at byte ${offset})`);
      break;
    }
    // After a 101 the connection speaks another protocol: nothing more to frame.
    if (head.response.status === 101) break;
    offset = body.end;
  }
  return { responses, errors };
}

function parseHead(bytes, offset) {
  const opening = bytes.subarray(offset, offset + 5).toString("latin1");
  if (!"HTTP/".startsWith(opening))
    return { error: `not a status line: ${JSON.stringify(bytes.subarray(offset, offset + 60).toString("latin1"))}` };
  const end = bytes.indexOf(HEAD_END, offset);
  if (end === -1) return { error: "an unfinished response head" };
  const lines = bytes.subarray(offset, end).toString("latin1").split("\r\n");
  const statusLine = /^HTTP\/(\d\.\d) (\d{3})(?: (.*))?$/.exec(lines[0]);
  if (!statusLine) return { error: `not a status line: ${JSON.stringify(lines[0].slice(0, 60))}` };
  const headers = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    if (colon <= 0) return { error: `a header line without a name: ${JSON.stringify(line.slice(0, 60))}` };
    headers.push([line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()]);
  }
  const response = { version: statusLine[1], status: Number(statusLine[2]), headers };
  return { response, bodyStart: end + HEAD_END.length };
}

function parseBody(bytes, { head, method, isClosed }) {
  const { status, headers } = head.response;
  const start = head.bodyStart;
  const values = (name) => headers.filter(([key]) => key === name).map(([, value]) => value);
  const lengths = values("content-length");
  const codings = values("transfer-encoding");
  const none = (framing) => ({ framing, length: 0, end: start, sample: "" });
  if (lengths.length > 0 && codings.length > 0) return { ...none("both"), error: "both Content-Length and Transfer-Encoding" };
  // RFC 9110 §8.6: no Content-Length in a 1xx or 204.
  if ((status < 200 || status === 204) && lengths.length > 0) return { ...none("length"), error: `Content-Length on a ${status}` };
  if (status < 200 || status === 204 || status === 304 || method === "HEAD") return none("none");
  if (codings.length > 0) return parseChunked(bytes, start, isClosed);
  if (lengths.length > 0) return parseLength(bytes, { start, lengths, isClosed });
  if (!isClosed) return { ...none("close"), error: "no Content-Length or chunked framing, and the connection stayed open" };
  return { framing: "close", length: bytes.length - start, end: bytes.length, sample: sampleOf(bytes, start, bytes.length) };
}

function parseLength(bytes, { start, lengths, isClosed }) {
  const distinct = [...new Set(lengths.flatMap((value) => value.split(",").map((part) => part.trim())))];
  if (distinct.length !== 1 || !/^\d+$/.test(distinct[0]))
    return { framing: "length", length: 0, end: start, sample: "", error: `an unusable Content-Length ${JSON.stringify(lengths)}` };
  const declared = Number(distinct[0]);
  const available = bytes.length - start;
  const end = start + Math.min(declared, available);
  const result = { framing: "length", length: end - start, end, sample: sampleOf(bytes, start, end) };
  if (available < declared)
    result.error = `Content-Length ${declared} but ${available} bytes followed before ${isClosed ? "the close" : "the timeout"}`;
  return result;
}

function parseChunked(bytes, start, isClosed) {
  let offset = start;
  let length = 0;
  const fail = (error) => ({ framing: "chunked", length, end: offset, sample: sampleOf(bytes, start, offset), error });
  for (;;) {
    const lineEnd = bytes.indexOf(CRLF, offset);
    if (lineEnd === -1) return fail(`a truncated chunked body (${isClosed ? "closed" : "timed out"} in a chunk size line)`);
    const sizeText = bytes.subarray(offset, lineEnd).toString("latin1").split(";")[0].trim();
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) return fail(`a bad chunk size ${JSON.stringify(sizeText.slice(0, 20))}`);
    const size = parseInt(sizeText, 16);
    offset = lineEnd + CRLF.length;
    if (size === 0) return finishTrailers(bytes, { start, offset, length, fail });
    if (bytes.length < offset + size + CRLF.length) return fail(`a truncated chunk (${size} bytes announced)`);
    if (!bytes.subarray(offset + size, offset + size + CRLF.length).equals(CRLF)) return fail("a chunk longer than its size");
    length += size;
    offset += size + CRLF.length;
  }
}

function finishTrailers(bytes, { start, offset, length, fail }) {
  if (bytes.subarray(offset, offset + CRLF.length).equals(CRLF)) {
    const end = offset + CRLF.length;
    return { framing: "chunked", length, end, sample: sampleOf(bytes, start, end) };
  }
  const end = bytes.indexOf(HEAD_END, offset - CRLF.length);
  if (end === -1) return fail("unfinished trailers after the last chunk");
  return { framing: "chunked", length, end: end + HEAD_END.length, sample: sampleOf(bytes, start, end) };
}

function sampleOf(bytes, start, end) {
  return bytes.subarray(start, Math.min(end, start + BODY_SAMPLE_BYTES)).toString("latin1");
}
