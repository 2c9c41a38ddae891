import { buildRequest, makeCase } from "./fuzz-case.js";

/**
 * The catalogue's header and framing half: header edge cases, Range and conditional oddities, body
 * framing (RFC 9112 §6: chunked, Content-Length, both), pipelining, and slow partial writes.
 */
export function buildFramingCases(paths) {
  return [...headerCases(paths), ...rangeAndConditionalCases(paths), ...bodyCases(paths), ...pipelineCases(paths), ...slowCases(paths)];
}

function headerCases(paths) {
  const get = (name, headers, options = {}) => makeCase(name, buildRequest({ target: paths.file, headers, ...options }));
  const manyHeaders = Array.from({ length: 5_000 }, (_, index) => `X-H${index}: ${index}`);
  return [
    get("an obs-folded header", ["X-A: one", " two", "\tthree"]),
    get("obs-fold as the first header line", [" folded"]),
    get("a header line without a colon", ["NoColonHere"]),
    get("a header name with a space", ["X A: 1"]),
    get("an empty header name", [": value"]),
    get("a header value of 17 KiB", [`X-Big: ${"a".repeat(17 * 1024)}`]),
    get("a header value of 200 KB", [`X-Big: ${"a".repeat(200_000)}`]),
    get("5,000 headers", manyHeaders),
    makeCase(
      "a 200 KB header on a POST",
      buildRequest({ method: "POST", target: paths.file, headers: [`X-Big: ${"a".repeat(200_000)}`], body: "x" }),
    ),
    makeCase("a 200 KB header on a HEAD", buildRequest({ method: "HEAD", target: paths.file, headers: [`X-Big: ${"a".repeat(200_000)}`] })),
    get("NUL inside a value", ["X-A: a\x00b"]),
    get("a bare CR inside a value", ["X-A: a\rb"]),
    get("a bare LF inside a value", ["X-A: a\nb"]),
    get("DEL and high bytes in a value", ["X-A: \x7f\xff\xfe"]),
    makeCase("bare LF line endings", `GET ${paths.file} HTTP/1.1\nHost: x\n\n`),
    makeCase("bare CR line endings", `GET ${paths.file} HTTP/1.1\rHost: x\r\r`),
    ...["GET", "HEAD", "DELETE", "PUT", "PROPFIND", "POST"].map((method) =>
      makeCase(
        `Upgrade: websocket on ${method}`,
        buildRequest({
          method,
          target: paths.file,
          headers: [
            "Connection: Upgrade",
            "Upgrade: websocket",
            "Sec-WebSocket-Version: 13",
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
          ],
        }),
      ),
    ),
    get("Upgrade: h2c", ["Connection: Upgrade, HTTP2-Settings", "Upgrade: h2c", "HTTP2-Settings: AAMAAABkAAQAAP__"]),
    get("Expect: 100-continue on a GET", ["Expect: 100-continue"]),
    makeCase(
      "Expect: 100-continue with Content-Length 5 and no body",
      buildRequest({ method: "POST", target: paths.file, headers: ["Expect: 100-continue", "Content-Length: 5"] }),
    ),
    get("Expect: something else", ["Expect: teapot"]),
    get("Connection: close", ["Connection: close"]),
    get("Connection naming Host", ["Connection: Host, close"]),
    get("Accept with a broken q", ["Accept: application/json;q=abc, text/html;q="]),
    get("X-Forwarded-Host and X-Original-URL", [
      "X-Forwarded-Host: evil.example",
      `X-Original-URL: ${paths.dotfile}`,
      `X-Rewrite-URL: ${paths.dotfile}`,
    ]),
  ];
}

function rangeAndConditionalCases(paths) {
  const ranges = [
    "bytes=0-0",
    "bytes=-0",
    "bytes=5-1",
    "bytes=0-99999999999999999999",
    "bytes=99999999999999999999-",
    "bytes=0-1,2-3",
    `bytes=${Array.from({ length: 1_000 }, (_, index) => `${index}-${index}`).join(",")}`,
    "bytes=",
    "bytes=-",
    "items=0-1",
    "bytes= 0-1",
    "bytes=-1-2",
    "bytes=0x10-",
    "bytes=1-0,0-1",
    "bytes=\x00-1",
  ];
  const conditionals = [
    "If-None-Match: *",
    "If-None-Match: ,,,",
    'If-None-Match: "',
    "If-None-Match: W/",
    "If-Match: *",
    'If-Match: "nope"',
    "If-Match: ,",
    "If-Modified-Since: garbage",
    "If-Modified-Since: Sat, 01 Jan 99999 00:00:00 GMT",
    "If-Unmodified-Since: Thu, 01 Jan 1970 00:00:00 GMT",
    "If-Unmodified-Since: -1",
    'If-Range: "stale"',
    "If-Range: not a date",
  ];
  const cases = [];
  for (const target of [paths.largeFile, `${paths.directory}/`]) {
    for (const range of ranges)
      cases.push(
        makeCase(`Range ${JSON.stringify(range.slice(0, 30))} on ${target}`, buildRequest({ target, headers: [`Range: ${range}`] })),
      );
  }
  for (const header of conditionals) {
    cases.push(makeCase(`${header.slice(0, 40)}`, buildRequest({ target: paths.file, headers: [header] })));
    cases.push(
      makeCase(`HEAD ${header.slice(0, 40)}`, buildRequest({ method: "HEAD", target: paths.file, headers: [header, "Range: bytes=0-1"] })),
    );
  }
  return cases;
}

function bodyCases(paths) {
  const head = (method, headers) => `${method} ${paths.file} HTTP/1.1\r\nHost: x\r\n${headers.map((line) => `${line}\r\n`).join("")}\r\n`;
  const chunked = (method, body) =>
    makeCase(`${method} chunked ${JSON.stringify(body.slice(0, 24))}`, head(method, ["Transfer-Encoding: chunked"]) + body);
  const withLength = (method, length, body) =>
    makeCase(
      `${method} Content-Length ${JSON.stringify(length)} with ${body.length} body bytes`,
      head(method, [`Content-Length: ${length}`]) + body,
    );
  const cases = [];
  for (const method of ["GET", "POST", "OPTIONS", "PUT"]) {
    cases.push(
      chunked(method, "zz\r\nabc\r\n0\r\n\r\n"),
      chunked(method, "ffffffffffffffffffff\r\na\r\n0\r\n\r\n"),
      chunked(method, "5\r\nab"),
      chunked(method, "3;ext=1\r\nabc\r\n0\r\n\r\n"),
      chunked(method, "3\r\nabc\r\n0\r\n"),
      chunked(method, "-1\r\n\r\n0\r\n\r\n"),
      chunked(method, "3\r\nabcdef\r\n0\r\n\r\n"),
      chunked(method, "0\r\nX-Trailer: 1\r\n\r\n"),
      withLength(method, "5", "abcdefghij"),
      withLength(method, "10", "abc"),
      withLength(method, "-1", "abc"),
      withLength(method, "1e3", "abc"),
      withLength(method, "+3", "abc"),
      withLength(method, " 3 ", "abc"),
      withLength(method, "3, 3", "abc"),
      withLength(method, "3, 4", "abcd"),
      withLength(method, "99999999999999999999", "abc"),
      withLength(method, "0x3", "abc"),
      makeCase(`${method} Content-Length twice, equal`, `${head(method, ["Content-Length: 3", "Content-Length: 3"])}abc`),
      makeCase(`${method} Content-Length twice, different`, `${head(method, ["Content-Length: 3", "Content-Length: 5"])}abcde`),
      makeCase(
        `${method} Content-Length and chunked`,
        `${head(method, ["Content-Length: 3", "Transfer-Encoding: chunked"])}3\r\nabc\r\n0\r\n\r\n`,
      ),
      makeCase(
        `${method} chunked and Content-Length`,
        `${head(method, ["Transfer-Encoding: chunked", "Content-Length: 30"])}0\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n`,
        { methods: [method, "GET"] },
      ),
      makeCase(`${method} Transfer-Encoding: gzip`, `${head(method, ["Transfer-Encoding: gzip"])}abc`),
      makeCase(`${method} Transfer-Encoding: xchunked`, `${head(method, ["Transfer-Encoding: xchunked"])}3\r\nabc\r\n0\r\n\r\n`),
      makeCase(`${method} chunked twice`, `${head(method, ["Transfer-Encoding: chunked", "Transfer-Encoding: chunked"])}0\r\n\r\n`),
      makeCase(`${method} chunked on HTTP/1.0`, `${head(method, ["Transfer-Encoding: chunked"]).replace("HTTP/1.1", "HTTP/1.0")}0\r\n\r\n`),
    );
  }
  return cases;
}

function pipelineCases(paths) {
  const get = (target, method = "GET") => buildRequest({ method, target });
  const pipeline = (name, requests) =>
    makeCase(name, requests.map(([target, method]) => get(target, method)).join(""), {
      methods: requests.map(([, method = "GET"]) => method),
    });
  return [
    pipeline("three GETs in one write", [[paths.file], ["/"], [paths.largeFile]]),
    pipeline("GET, HEAD, GET in one write", [[paths.file], [paths.largeFile, "HEAD"], [paths.file]]),
    pipeline("a 404, a 301 and a listing in one write", [["/missing"], [paths.directory], [`${paths.directory}/`]]),
    pipeline("HEAD, OPTIONS, DELETE, GET in one write", [[paths.file, "HEAD"], ["/", "OPTIONS"], [paths.file, "DELETE"], [paths.file]]),
    pipeline(
      "50 GETs in one write",
      Array.from({ length: 50 }, () => [paths.file]),
    ),
    pipeline("a dotfile between two files", [[paths.file], [paths.dotfile], [paths.file]]),
    makeCase("a bad request between two good ones", `${get(paths.file)}GARBAGE\r\n\r\n${get(paths.file)}`, {
      methods: ["GET", "GARBAGE", "GET"],
    }),
    makeCase("a POST body then a GET", `${buildRequest({ method: "POST", target: paths.file, body: "abc" })}${get(paths.file)}`, {
      methods: ["POST", "GET"],
    }),
    makeCase("a Content-Length body that holds a request", buildRequest({ method: "POST", target: paths.file, body: get(paths.dotfile) })),
  ];
}

function slowCases(paths) {
  return [
    makeCase("a GET written in 30 pieces, 20 ms apart", buildRequest({ target: paths.file }), { pieceCount: 30, delayMs: 20 }),
    makeCase("a POST body written in 5 pieces, 200 ms apart", buildRequest({ method: "POST", target: paths.file, body: "abcdefghij" }), {
      pieceCount: 5,
      delayMs: 200,
    }),
    makeCase("two pipelined GETs written in 8 pieces", buildRequest({ target: paths.file }).repeat(2), {
      methods: ["GET", "GET"],
      pieceCount: 8,
      delayMs: 50,
    }),
    makeCase(
      "a chunked body written slowly",
      `POST ${paths.file} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n`,
      { pieceCount: 6, delayMs: 100 },
    ),
  ];
}
