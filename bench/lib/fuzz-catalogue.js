import { buildRequest, makeCase } from "./fuzz-case.js";
import { buildFramingCases } from "./fuzz-catalogue-framing.js";

/**
 * The hostile-request catalogue: every method and target form, versions and Host
 * variants here; header, body framing, pipelining and slow writes in fuzz-catalogue-framing.js.
 * `paths` names the fuzz folder's files (fuzz-target.js), so the cases also aim at the canaries.
 * The same catalogue runs in --quick and in the long form: it holds the requests that once killed
 * the server, so the short form fails if any of them does again.
 */
const METHODS = [
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "DELETE",
  "PATCH",
  "OPTIONS",
  "TRACE",
  "CONNECT",
  "PROPFIND",
  "MKCOL",
  "QUERY",
  "M-SEARCH",
  "PRI",
  "get",
  "head",
  "Get",
  "FOO",
  "G\tET",
  "A".repeat(1000),
  "",
];
const VERSIONS = [
  "HTTP/1.0",
  "HTTP/1.1",
  "HTTP/0.9",
  "HTTP/9.9",
  "HTTP/2.0",
  "HTTP/1.2",
  "HTTP/01.1",
  "http/1.1",
  "FUBAR",
  "HTTP/1.1 extra",
  "HTTP/",
];
const HOSTS = [
  "",
  "a b",
  "1.2.3.4.5",
  "127.0.0.1:abc",
  "[::1",
  "[::1]",
  "[::1]:8000",
  "256.0.0.1",
  "h".repeat(100_000),
  "x:99999",
  "x:",
  ":80",
  "user@x",
  "x/y",
  "x%20y",
  "x?y",
  "x#y",
  "x\\y",
  ".",
  "xn--",
  "\xff\xfe",
  "127.0.0.1:8000",
];

export function buildCatalogue(paths) {
  return [...methodCases(paths), ...targetCases(paths), ...versionCases(), ...hostCases(), ...buildFramingCases(paths)];
}

function methodCases(paths) {
  const cases = METHODS.map((method) =>
    makeCase(`method ${JSON.stringify(method.slice(0, 20))}`, buildRequest({ method, target: paths.file })),
  );
  cases.push(
    makeCase("CONNECT to an authority", buildRequest({ method: "CONNECT", target: "127.0.0.1:22", host: "127.0.0.1:22" })),
    makeCase("CONNECT to the server itself", buildRequest({ method: "CONNECT", target: "x:80" })),
    makeCase("OPTIONS * with a plain Host", buildRequest({ method: "OPTIONS", target: "*" })),
    makeCase("OPTIONS * with a Host that carries a port", buildRequest({ method: "OPTIONS", target: "*", host: "127.0.0.1:8000" })),
    makeCase("POST with a body", buildRequest({ method: "POST", target: paths.file, body: "a=1" })),
    makeCase("PUT over a file", buildRequest({ method: "PUT", target: paths.file, body: "overwritten" })),
    makeCase("DELETE a file", buildRequest({ method: "DELETE", target: paths.file })),
  );
  return cases;
}

function targetCases(paths) {
  const targets = [
    "/",
    paths.file,
    paths.directory,
    `${paths.directory}/`,
    paths.dotfile,
    paths.outsideLink,
    paths.outsideConfig,
    paths.hiddenDirectoryFile,
    `http://x${paths.file}`,
    "http://127.0.0.1/",
    "https://x/",
    "http://x",
    "//x/",
    "127.0.0.1:80",
    "x:80",
    "*",
    "**",
    "*/",
    paths.file.slice(1),
    paths.directory.slice(1),
    "a",
    "%2e%2e/",
    "/%2e%2e/%2e%2e/etc/passwd",
    `/%2e%2e${paths.dotfile}`,
    `${paths.directory}/%2e%2e${paths.dotfile}`,
    "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/%252e%252e/",
    `/${"%2e".repeat(2)}`,
    "/%2eenv",
    `${paths.directory}%2f${paths.nestedName}`,
    "/a%2fb",
    "/%00",
    `${paths.file}%00`,
    `${paths.file}%00.html`,
    "/\\",
    `/${paths.directory.slice(1)}\\${paths.nestedName}`,
    "/..\\..\\etc\\passwd",
    "/%5c%5c",
    "/..",
    "/../",
    "/./././",
    "/%",
    "/%zz",
    "/%ff",
    "/%c0%ae%c0%ae/",
    "/a b",
    "/a\tb",
    `${paths.file}#fragment`,
    `${paths.file}?`,
    "/?",
    "/hello?name=%3Cscript%3E",
    "/hello?name=%00",
    "/.edgeserve/",
    "/.edgeserve/manifest",
    `/${"a".repeat(3_000)}`,
    `/?q=${"a".repeat(3_000)}`,
    `/${"a/".repeat(5_000)}`,
    `/${"x".repeat(100_000)}`,
    `/${"%41".repeat(10_000)}`,
    "/\x01",
    "/\x7f",
    "/\xff",
  ];
  return targets.map((target) => makeCase(`target ${JSON.stringify(target.slice(0, 40))}`, buildRequest({ target })));
}

function versionCases() {
  const cases = VERSIONS.map((version) => makeCase(`version ${version}`, buildRequest({ version })));
  cases.push(
    makeCase("HTTP/0.9 simple request", "GET /\r\n"),
    makeCase("a request line only", buildRequest({ version: null })),
    makeCase("HTTP/1.0 without Host", buildRequest({ version: "HTTP/1.0", host: null })),
    makeCase("HTTP/1.0 keep-alive", buildRequest({ version: "HTTP/1.0", headers: ["Connection: keep-alive"] })),
    makeCase("an empty line first", `\r\n${buildRequest()}`),
    makeCase("many empty lines first", `${"\r\n".repeat(1_000)}${buildRequest()}`),
    makeCase("only CRLFs", "\r\n\r\n\r\n\r\n"),
    makeCase("only a space", " "),
    makeCase("binary noise", Buffer.from(Array.from({ length: 256 }, (_, index) => index))),
    makeCase("a TLS ClientHello", Buffer.from("16030100a5010000a10303", "hex")),
    makeCase("an HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
  );
  return cases;
}

function hostCases() {
  const cases = HOSTS.map((host) => makeCase(`Host ${JSON.stringify(host.slice(0, 20))}`, buildRequest({ host })));
  cases.push(
    makeCase("no Host (HTTP/1.1)", buildRequest({ host: null })),
    makeCase("two identical Host headers", buildRequest({ headers: ["Host: x"] })),
    makeCase("two different Host headers", buildRequest({ headers: ["Host: y"] })),
    makeCase("an absolute target and a different Host", buildRequest({ target: "http://y/", host: "x" })),
    makeCase("Host folded over two lines", buildRequest({ host: "x\r\n y" })),
    makeCase("Host with a space before the colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n"),
    makeCase("Host: a b on a HEAD", buildRequest({ method: "HEAD", host: "a b" })),
    makeCase("Host: a b on a POST", buildRequest({ method: "POST", host: "a b", body: "x" })),
    makeCase("GET * with a port in Host", buildRequest({ target: "*", host: "127.0.0.1:8000" })),
  );
  return cases;
}
