import { describe, expect, it } from "vitest";
import { parseResponses } from "../../bench/lib/fuzz-framing.js";

/** the fuzzer's response framing parser, which decides every "framing error" finding. */
const bytes = (text: string) => Buffer.from(text, "latin1");
const ok = (body: string, extra = "") => `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n${extra}\r\n${body}`;

describe("parseResponses", () => {
  it("reads one Content-Length answer", () => {
    const { responses, errors } = parseResponses(bytes(ok("hello")), { methods: ["GET"] });
    expect(errors).toEqual([]);
    expect(responses).toMatchObject([{ status: 200, bodyLength: 5, framing: "length", bodySample: "hello" }]);
  });

  it("splits pipelined answers by their framing", () => {
    const chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=1\r\nde\r\n0\r\n\r\n";
    const { responses, errors } = parseResponses(bytes(ok("one") + chunked + ok("three")), { methods: ["GET", "GET", "GET"] });
    expect(errors).toEqual([]);
    expect(responses.map((response: { bodyLength: number }) => response.bodyLength)).toEqual([3, 5, 5]);
  });

  it("gives a HEAD answer no body even with a Content-Length, and reads the next answer after it", () => {
    const head = "HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n";
    const { responses, errors } = parseResponses(bytes(head + ok("x")), { methods: ["HEAD", "GET"] });
    expect(errors).toEqual([]);
    expect(responses.map((response: { bodyLength: number }) => response.bodyLength)).toEqual([0, 1]);
  });

  it("flags body bytes after a HEAD answer", () => {
    const { errors } = parseResponses(bytes("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc"), { methods: ["HEAD"] });
    expect(errors[0]).toMatch(/not a status line/);
  });

  it("skips a 100 Continue without using up a request", () => {
    const { responses, errors } = parseResponses(bytes(`HTTP/1.1 100 Continue\r\n\r\n${ok("ab")}`), { methods: ["POST"] });
    expect(errors).toEqual([]);
    expect(responses.map((response: { status: number }) => response.status)).toEqual([100, 200]);
  });

  it.each([
    ["a Content-Length longer than the body", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", /Content-Length 10 but 3 bytes/],
    ["a Content-Length one byte longer than the body", "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabc", /Content-Length 4 but 3 bytes/],
    ["a Content-Length shorter than the body", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nabc", /not a status line/],
    ["two different Content-Lengths", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", /unusable Content-Length/],
    ["a negative Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", /unusable Content-Length/],
    ["both Content-Length and chunked", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", /both/],
    ["a bad chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", /bad chunk size/],
    ["a truncated chunk", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", /truncated chunk/],
    ["a chunk longer than its size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nabc\r\n0\r\n\r\n", /longer than its size/],
    ["a chunked body without its last chunk", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n", /truncated chunked body/],
    ["a Content-Length on a 204", "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n", /Content-Length on a 204/],
    ["an unfinished head", "HTTP/1.1 200 OK\r\nContent-Len", /unfinished response head/],
    ["a header line without a colon", "HTTP/1.1 200 OK\r\nbroken\r\n\r\n", /without a name/],
  ])("flags %s", (_label, text, error) => {
    expect(parseResponses(bytes(text), { methods: ["GET"] }).errors[0]).toMatch(error);
  });

  it("accepts a body that runs to the close, but not on a connection left open", () => {
    const text = "HTTP/1.0 200 OK\r\n\r\nuntil the close";
    expect(parseResponses(bytes(text), { isClosed: true })).toMatchObject({
      errors: [],
      responses: [{ framing: "close", bodyLength: 15 }],
    });
    expect(parseResponses(bytes(text), { isClosed: false }).errors[0]).toMatch(/stayed open/);
  });

  it("gives 304 and 204 answers no body", () => {
    const text = 'HTTP/1.1 304 Not Modified\r\nETag: "x"\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n';
    const { responses, errors } = parseResponses(bytes(text), { methods: ["GET", "OPTIONS"] });
    expect(errors).toEqual([]);
    expect(responses.map((response: { status: number }) => response.status)).toEqual([304, 204]);
  });
});
