import { buildRequest, makeCase } from "./fuzz-case.js";
import { createRandom } from "./fuzz-random.js";

/**
 * The seeded mutation run: valid requests with one to four byte-level edits each (flip a bit,
 * insert, delete, duplicate a line, truncate). All cases come from one PRNG stream in order, so
 * `--seed N --count M` names the same requests whatever the concurrency that runs them.
 */
const INTERESTING_BYTES = Buffer.from(" \t\r\n\x00:/\\%.?#*@,;=\"'\x7f\x80\xff");
const MAX_EDITS = 4;

export function buildValidRequests(paths) {
  return [
    buildRequest({ target: "/" }),
    buildRequest({ target: paths.file, headers: ["User-Agent: fuzz", "Accept: */*"] }),
    buildRequest({ method: "HEAD", target: paths.largeFile }),
    buildRequest({ target: paths.largeFile, headers: ["Range: bytes=10-99"] }),
    buildRequest({ target: paths.file, headers: ['If-None-Match: "x", W/"y"', "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT"] }),
    buildRequest({ target: `${paths.directory}/?format=json&sort=size&order=desc`, headers: ["Accept: application/json"] }),
    buildRequest({ target: paths.directory }),
    buildRequest({ target: "/hello?name=Billy", version: "HTTP/1.0", host: "127.0.0.1:8000" }),
    buildRequest({ method: "OPTIONS", target: "/" }),
    buildRequest({ method: "POST", target: paths.file, body: "a=1&b=2" }),
    `POST ${paths.file} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n`,
    buildRequest({ target: paths.file, headers: ["Connection: close"] }),
  ].map((text) => Buffer.from(text, "latin1"));
}

export function buildMutationCases({ paths, seed, count }) {
  const random = createRandom(seed);
  const valid = buildValidRequests(paths);
  const cases = [];
  for (let index = 0; index < count; index += 1) {
    const original = random.pick(valid);
    const edits = 1 + random.integer(MAX_EDITS);
    let bytes = original;
    const names = [];
    for (let edit = 0; edit < edits; edit += 1) {
      const mutation = random.pick(MUTATIONS);
      bytes = mutation.apply(bytes, random);
      names.push(mutation.name);
    }
    cases.push(makeCase(`mutation #${index} (seed ${seed}): ${names.join(", ")} of "${firstLine(original)}"`, bytes));
  }
  return cases;
}

const MUTATIONS = [
  { name: "flip", apply: (bytes, random) => withByte(bytes, random.integer(bytes.length), (value) => value ^ (1 << random.integer(8))) },
  { name: "replace", apply: (bytes, random) => withByte(bytes, random.integer(bytes.length), () => random.pick(INTERESTING_BYTES)) },
  { name: "insert", apply: insertBytes },
  { name: "delete", apply: deleteBytes },
  { name: "duplicate-line", apply: duplicateLine },
  { name: "truncate", apply: (bytes, random) => bytes.subarray(0, random.integer(bytes.length + 1)) },
];

function withByte(bytes, index, change) {
  if (bytes.length === 0) return bytes;
  const copy = Buffer.from(bytes);
  copy[index] = change(copy[index]);
  return copy;
}

function insertBytes(bytes, random) {
  const at = random.integer(bytes.length + 1);
  const length = 1 + random.integer(8);
  const inserted = Buffer.from(Array.from({ length }, () => (random.isChance(0.5) ? random.pick(INTERESTING_BYTES) : random.integer(256))));
  return Buffer.concat([bytes.subarray(0, at), inserted, bytes.subarray(at)]);
}

function deleteBytes(bytes, random) {
  const at = random.integer(bytes.length + 1);
  return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + random.integer(16))]);
}

function duplicateLine(bytes, random) {
  const lines = bytes.toString("latin1").split("\r\n");
  const index = random.integer(lines.length);
  lines.splice(index, 0, lines[index]);
  return Buffer.from(lines.join("\r\n"), "latin1");
}

function firstLine(bytes) {
  return bytes.toString("latin1").split("\r\n")[0];
}
