import { describe, expect, it } from "vitest";
import { type DeployOptions, HELP_TEXT, parseCommand, type ServeOptions } from "../../src/cli/args.js";

const SERVE_DEFAULTS: ServeOptions = {
  directory: ".",
  port: 8000,
  host: "127.0.0.1",
  homePage: null,
  greetPath: null,
  cacheMaxAge: 0,
  quiet: false,
  logFormat: "text",
  verbose: false,
  withDigests: false,
  open: false,
  compress: false,
  cleanUrls: false,
  spaPage: null,
  cors: false,
  extraHeaders: [],
  auth: null,
  tls: { kind: "off" },
  reload: false,
};

const DEPLOY_DEFAULTS: DeployOptions = {
  directory: ".",
  name: null,
  alias: null,
  homePage: null,
  greetPath: null,
  cacheMaxAge: 0,
  isProduction: false,
  isDryRun: false,
  outdir: null,
  withDigests: false,
  verbose: false,
  compress: false,
  cleanUrls: false,
  spaPage: null,
  cors: false,
  extraHeaders: [],
  auth: null,
};

describe("parseCommand: serve", () => {
  it("serves the current folder on 127.0.0.1:8000 by default", () => {
    expect(parseCommand([])).toEqual({ kind: "serve", options: SERVE_DEFAULTS });
  });

  it.each<[string[], Partial<ServeOptions>]>([
    [["public"], { directory: "public" }],
    [["--port", "9000"], { port: 9000 }],
    [["-p", "0"], { port: 0 }],
    [["--port=65535"], { port: 65535 }],
    [["--port", "08080"], { port: 8080 }],
    [["--host", "0.0.0.0"], { host: "0.0.0.0" }],
    [["-H", "::1"], { host: "::1" }],
    [["--bind", "0.0.0.0"], { host: "0.0.0.0" }],
    [["-b", "192.168.1.2"], { host: "192.168.1.2" }],
    [["--host", "10.0.0.1", "--bind", "0.0.0.0"], { host: "10.0.0.1" }],
    [["--home", "mywebpage.html"], { homePage: "mywebpage.html" }],
    [["--tls"], { tls: { kind: "self-signed" } }],
    [["--tls-cert", "c.pem", "--tls-key", "k.pem"], { tls: { kind: "files", certificateFile: "c.pem", keyFile: "k.pem" } }],
    [["--tls", "--tls-key", "k.pem", "--tls-cert", "c.pem"], { tls: { kind: "files", certificateFile: "c.pem", keyFile: "k.pem" } }],
    [["--reload"], { reload: true }],
    [["--home", ""], { homePage: null }],
    [["--greet", "off"], { greetPath: "off" }],
    [["--greet", "/"], { greetPath: "/" }],
    [["--greet", "/hi/there"], { greetPath: "/hi/there" }],
    [["--cache-max-age", "3600"], { cacheMaxAge: 3600 }],
    [["--cache-max-age", "31536000"], { cacheMaxAge: 31_536_000 }],
    [["--digests"], { withDigests: true }],
    [["--verbose"], { verbose: true }],
    [["-q"], { quiet: true }],
    [["--quiet"], { quiet: true }],
    [["--log-format", "json"], { logFormat: "json" }],
    [["-o"], { open: true }],
    [["--open"], { open: true }],
    [
      ["site", "-p", "1234", "-q", "--greet", "/", "--home", "a.html"],
      { directory: "site", port: 1234, quiet: true, greetPath: "/", homePage: "a.html" },
    ],
    [["--", "--weird-folder"], { directory: "--weird-folder" }],
    [["--cors"], { cors: true }],
    [["--header", "X-Frame-Options: DENY"], { extraHeaders: [{ name: "X-Frame-Options", value: "DENY" }] }],
    [
      ["--header", "X-A: 1", "--header=X-B:2", "--header", "X-A: 3"],
      {
        extraHeaders: [
          { name: "X-A", value: "1" },
          { name: "X-B", value: "2" },
          { name: "X-A", value: "3" },
        ],
      },
    ],
    [["--auth", "billy:s3cret"], { auth: "billy:s3cret" }],
    [["--auth", "billy:a:b c"], { auth: "billy:a:b c" }],
    [["--auth", "jürgen:pässword"], { auth: "jürgen:pässword" }],
  ])("reads %j", (argv, options) => {
    expect(parseCommand(argv)).toEqual({ kind: "serve", options: { ...SERVE_DEFAULTS, ...options } });
  });
});

describe("parseCommand: python's habits", () => {
  /** The working folder for these cases: "site", "2026" and "out.txt" exist, nothing else does. */
  const exists = (word: string) => ["site", "2026", "out.txt"].includes(word);

  it.each<[string[], Partial<ServeOptions>]>([
    [["9000"], { port: 9000 }],
    [["0"], { port: 0 }],
    [["65535"], { port: 65535 }],
    [["9000", "site"], { port: 9000, directory: "site" }],
    [["site", "9000"], { port: 9000, directory: "site" }],
    [["9000", "-d", "site"], { port: 9000, directory: "site" }],
    [["-d", "site"], { directory: "site" }],
    [["--directory", "site"], { directory: "site" }],
    [["--directory=nope"], { directory: "nope" }],
    [["2026"], { directory: "2026" }],
    [["2026", "9000"], { directory: "2026", port: 9000 }],
    [["--port", "9000", "2026"], { directory: "2026", port: 9000 }],
    [["-b", "0.0.0.0", "9000"], { host: "0.0.0.0", port: 9000 }],
    [["--bind", "::", "-d", "site", "8080"], { host: "::", directory: "site", port: 8080 }],
    [["nope"], { directory: "nope" }],
  ])("reads %j", (argv, options) => {
    expect(parseCommand(argv, exists)).toEqual({ kind: "serve", options: { ...SERVE_DEFAULTS, ...options } });
  });

  it.each<[string[], string]>([
    [["9000", "8000"], "expected at most one port, got 9000 and 8000: give the port once, with --port N"],
    [
      ["9000", "--port", "8000"],
      "9000 would be a second port beside --port 8000; give the port once (a folder named 9000 does not exist here)",
    ],
    [["70000"], "70000 is neither a folder here nor a port (0 to 65535); give the port with --port N"],
    [
      ["site", "2026"],
      "expected one folder, got 2: site 2026 (a folder with a number for a name is taken as the folder: give the port with --port N)",
    ],
    [["site", "out.txt"], "expected one folder, got 2: site out.txt"],
    [["-d", "site", "2026"], "got the folder twice (--directory site and 2026); give it once"],
    [["-d", ""], "--directory needs a folder"],
    [["-d"], "--directory needs a value"],
    [["-p", "-1"], '--port takes a number from 0 to 65535, not "-1"'],
    [["--port", "-80"], '--port takes a number from 0 to 65535, not "-80"'],
    [["-p", "--quiet"], "--port needs a value"],
    [["--cache-max-age", "-1"], "--cache-max-age takes a number of seconds from 0 to 31536000"],
    [["--home", "-x.html"], '--home got "-x.html", which starts with a dash; write --home=-x.html if that is meant'],
    [["-q=1"], "unknown option -="],
    [["--quiet=yes"], "--quiet takes no value"],
    [["--port"], "--port needs a value"],
    [["deploy", "--directory", "site", "other"], "got the folder twice (--directory site and other); give it once"],
  ])("refuses %j with our own sentence", (argv, message) => {
    expect(parseCommand(argv, exists)).toEqual({ kind: "usage-error", message });
  });

  it("never passes Node's parser text through", () => {
    for (const argv of [["-p", "-1"], ["--port", "-1"], ["--greet", "-x"], ["--digests=1"], ["-qx"]]) {
      const command = parseCommand(argv, exists);
      expect(command.kind === "usage-error" ? command.message : "").not.toMatch(/ambiguous|XYZ|Option '|Did you forget/);
    }
  });

  it("keeps a number for a folder name with deploy (no ports there)", () => {
    expect(parseCommand(["deploy", "9000"], exists)).toEqual({ kind: "deploy", options: { ...DEPLOY_DEFAULTS, directory: "9000" } });
    expect(parseCommand(["deploy", "-d", "site"], exists)).toEqual({ kind: "deploy", options: { ...DEPLOY_DEFAULTS, directory: "site" } });
  });
});

describe("parseCommand: deploy", () => {
  it("deploys the current folder as a preview by default", () => {
    expect(parseCommand(["deploy"])).toEqual({ kind: "deploy", options: DEPLOY_DEFAULTS });
  });

  it.each<[string[], Partial<DeployOptions>]>([
    [["deploy", "site"], { directory: "site" }],
    [["deploy", "--name", "my-preview"], { name: "my-preview" }],
    [["deploy", "--alias", "feature-x"], { alias: "feature-x" }],
    [["deploy", "--name", ""], { name: null }],
    [["deploy", "--production"], { isProduction: true }],
    [["deploy", "--dry-run", "--outdir", "out"], { isDryRun: true, outdir: "out" }],
    [
      ["deploy", "--home", "index.html", "--greet", "off", "--cache-max-age", "60", "--digests", "--verbose"],
      { homePage: "index.html", greetPath: "off", cacheMaxAge: 60, withDigests: true, verbose: true },
    ],
    [
      ["deploy", "site", "--name", "my-preview", "--dry-run", "--outdir", "out"],
      { directory: "site", name: "my-preview", isDryRun: true, outdir: "out" },
    ],
    [["deploy", "--cors", "--header", "X-A: 1", "--auth", "u:p"], { cors: true, extraHeaders: [{ name: "X-A", value: "1" }], auth: "u:p" }],
  ])("reads %j", (argv, options) => {
    expect(parseCommand(argv)).toEqual({ kind: "deploy", options: { ...DEPLOY_DEFAULTS, ...options } });
  });

  it("serves a folder named deploy when it is not the first word", () => {
    expect(parseCommand(["-q", "deploy"])).toEqual({ kind: "serve", options: { ...SERVE_DEFAULTS, quiet: true, directory: "deploy" } });
  });
});

describe("parseCommand: the password from EDGESERVE_AUTH", () => {
  const noFolder = () => false;
  it.each<[string[], Record<string, string>, string | null]>([
    [[], {}, null],
    [[], { EDGESERVE_AUTH: "" }, null],
    [[], { EDGESERVE_AUTH: "env:pass" }, "env:pass"],
    [["--auth", "flag:pass"], { EDGESERVE_AUTH: "env:pass" }, "flag:pass"],
    [["deploy"], { EDGESERVE_AUTH: "env:pass" }, "env:pass"],
  ])("%j with %j asks for %j", (argv, environment, auth) => {
    const command = parseCommand(argv, noFolder, environment);
    expect(command.kind === "serve" || command.kind === "deploy" ? command.options.auth : "not parsed").toBe(auth);
  });

  it("refuses a malformed EDGESERVE_AUTH, naming the variable and not the value", () => {
    const command = parseCommand([], noFolder, { EDGESERVE_AUTH: "no-colon-s3cret" });
    expect(command.kind).toBe("usage-error");
    const message = command.kind === "usage-error" ? command.message : "";
    expect(message).toContain("EDGESERVE_AUTH takes USER:PASS");
    expect(message).not.toContain("s3cret");
  });

  it("does not read EDGESERVE_AUTH when --auth is given, even a bad one", () => {
    expect(parseCommand(["--auth", "a:b"], noFolder, { EDGESERVE_AUTH: "bad" })).toMatchObject({ kind: "serve" });
  });
});

describe("parseCommand: help and version", () => {
  it.each([[["--help"]], [["-h"]], [["deploy", "--help"]], [["site", "--port", "9000", "-h"]]])("returns the help text for %j", (argv) => {
    expect(parseCommand(argv)).toEqual({ kind: "help", text: HELP_TEXT });
  });

  it.each([[["--version"]], [["-v"]], [["deploy", "-v"]]])("returns version for %j", (argv) => {
    expect(parseCommand(argv)).toEqual({ kind: "version" });
  });

  it("groups --tls, --tls-cert, --tls-key and --reload under the Dev server heading", () => {
    const devServer = HELP_TEXT.slice(HELP_TEXT.indexOf("\nDev server:\n"), HELP_TEXT.indexOf("\nDeploy"));
    for (const flag of ["--tls ", "--tls-cert FILE", "--tls-key FILE", "--reload"]) expect(devServer).toContain(flag);
  });

  it("keeps the help text as reviewed", () => {
    expect(HELP_TEXT).toMatchSnapshot();
  });

  it.each([
    "--directory",
    "-d,",
    "--port",
    "--host",
    "--bind",
    "-b,",
    "--home",
    "--greet",
    "--cache-max-age",
    "--digests",
    "--quiet",
    "--log-format",
    "--open",
    "--verbose",
    "--name",
    "--alias",
    "--production",
    "--dry-run",
    "--outdir",
    "--help",
    "--version",
    "--compress",
    "--clean-urls",
    "--spa[=PAGE]",
    "--cors",
    "--header",
    "--auth",
    "EDGESERVE_AUTH",
    "Dev server:",
  ])("documents %s in the help text", (flag) => {
    expect(HELP_TEXT).toContain(flag);
  });
});

describe("parseCommand: usage errors", () => {
  it.each<[string[], string]>([
    [["--nope"], "--nope"],
    [["-x"], "-x"],
    [["--Port", "80"], "--Port"],
    [["deploy", "--port", "80"], "--port"],
    [["deploy", "--quiet"], "--quiet"],
    [["--name", "x"], "--name"],
    [["--port"], "--port"],
    [["--port", "abc"], "abc"],
    [["--port", "65536"], "65536"],
    [["--port", "8000.5"], "8000.5"],
    [["--port", ""], "--port"],
    [["--port=-1"], "-1"],
    [["--port", "-1"], "--port"],
    [["--port", "1e3"], "1e3"],
    [["--port", "9999999999"], "9999999999"],
    [["--greet", "hello"], "--greet"],
    [["--greet", ""], "--greet"],
    [["--greet", "/a?b"], "--greet"],
    [["--greet", "/a#b"], "--greet"],
    [["--greet", "/a\\b"], "--greet"],
    [["--greet", "/a\nb"], "--greet"],
    [["--greet", "OFF"], "--greet"],
    [["--greet"], "--greet"],
    [["--cache-max-age", "-5"], "--cache-max-age"],
    [["--cache-max-age", "31536001"], "--cache-max-age"],
    [["--cache-max-age", "1h"], "--cache-max-age"],
    [["--log-format", "xml"], "--log-format"],
    [["one", "two"], "one two"],
    [["deploy", "one", "two"], "one two"],
    [["--digests=yes"], "--digests"],
    [["--cors=yes"], "--cors"],
    [["--header"], "--header needs a value"],
    [["--header", "X-Frame-Options DENY"], "with a colon"],
    [["--header", "Bad Name: 1"], "header name"],
    [["--header", "X-A: a\r\nSet-Cookie: b"], "no CR, LF, NUL"],
    [["--header", "X-A: a\u0000"], "no CR, LF, NUL"],
    [["--header", "Content-Length: 1"], "--header Content-Length is refused: it frames the body"],
    [["--header", "Transfer-Encoding: chunked"], "Transfer-Encoding is refused"],
    [["--header", "Connection: close"], "Connection is refused"],
    [["--header", "Content-Security-Policy: default-src *"], "listing's policy"],
    [["--header", "Date: today"], "Date is refused"],
    [["--header", "access-control-allow-origin: *"], "--cors"],
    [["deploy", "--header", "Content-Length: 1"], "Content-Length is refused"],
    [["--auth"], "--auth needs a value"],
    [["--auth", ""], "--auth takes USER:PASS"],
    [["--auth", "billy"], "--auth takes USER:PASS"],
    [["--auth", ":pass"], "--auth takes USER:PASS"],
    [["--auth", "billy:"], "--auth takes USER:PASS"],
    [["--auth", "billy:a\nb"], "--auth takes USER:PASS"],
    [["deploy", "--auth", "billy"], "--auth takes USER:PASS"],
    [["--tls-cert", "c.pem"], "--tls-key"],
    [["--tls-key", "k.pem"], "--tls-cert"],
    [["--tls", "--tls-cert", "c.pem"], "--tls-key"],
    [["--tls-cert", "", "--tls-key", "k.pem"], "--tls-cert"],
    [["--tls-cert"], "--tls-cert"],
    [["--tls=yes"], "--tls"],
    [["--reload=yes"], "--reload"],
    [["deploy", "--reload"], "--reload"],
    [["deploy", "--tls"], "--tls"],
  ])("refuses %j with a message mentioning %j", (argv, mention) => {
    const command = parseCommand(argv);
    expect(command.kind).toBe("usage-error");
    expect(command.kind === "usage-error" ? command.message : "").toContain(mention);
  });

  it("never repeats a refused --auth value", () => {
    for (const value of ["s3cret-no-colon", "billy:s3cret\u0007"]) {
      const command = parseCommand(["--auth", value]);
      expect(command.kind === "usage-error" ? command.message : "").not.toContain("s3cret");
    }
  });
});

describe("parseCommand: the dev-server flags", () => {
  const exists = (word: string) => ["site", "app.html", "2026"].includes(word);

  it.each<[string[], Partial<ServeOptions>]>([
    [["--compress"], { compress: true }],
    [["--clean-urls"], { cleanUrls: true }],
    [["--spa"], { spaPage: "index.html" }],
    [["--spa=app.html"], { spaPage: "app.html" }],
    [["--spa=pages/shell.html"], { spaPage: "pages/shell.html" }],
    // A bare --spa never takes the next word: it stays the folder, or python's port.
    [["--spa", "site"], { spaPage: "index.html", directory: "site" }],
    [["site", "--spa"], { spaPage: "index.html", directory: "site" }],
    [["--spa", "9000"], { spaPage: "index.html", port: 9000 }],
    [["--spa", "2026"], { spaPage: "index.html", directory: "2026" }],
    [["--spa", "--port", "9000"], { spaPage: "index.html", port: 9000 }],
    [["--spa", "-d", "app.html"], { spaPage: "index.html", directory: "app.html" }],
    [["--spa=app.html", "site", "--compress", "--clean-urls"], { spaPage: "app.html", directory: "site", compress: true, cleanUrls: true }],
    [["--spa=a.html", "--spa"], { spaPage: "index.html" }],
    [["--", "--spa"], { directory: "--spa" }],
  ])("reads %j", (argv, options) => {
    expect(parseCommand(argv, exists)).toEqual({ kind: "serve", options: { ...SERVE_DEFAULTS, ...options } });
  });

  it.each<[string[], Partial<DeployOptions>]>([
    [
      ["deploy", "site", "--compress", "--clean-urls", "--spa"],
      { directory: "site", compress: true, cleanUrls: true, spaPage: "index.html" },
    ],
    [["deploy", "--spa", "site"], { directory: "site", spaPage: "index.html" }],
    [["deploy", "--spa=app.html"], { spaPage: "app.html" }],
  ])("reads %j", (argv, options) => {
    expect(parseCommand(argv, exists)).toEqual({ kind: "deploy", options: { ...DEPLOY_DEFAULTS, ...options } });
  });

  it.each<[string[], string]>([
    [
      ["--spa", "app.html"],
      '--spa takes its page after "=": --spa=app.html (a word after --spa is the folder: write --spa -d app.html if the folder is meant)',
    ],
    [
      ["--spa", "shell.HTM"],
      '--spa takes its page after "=": --spa=shell.HTM (a word after --spa is the folder: write --spa -d shell.HTM if the folder is meant)',
    ],
    [
      ["deploy", "--spa", "app.html"],
      '--spa takes its page after "=": --spa=app.html (a word after --spa is the folder: write --spa -d app.html if the folder is meant)',
    ],
    [["--spa="], "--spa= needs a page (or give --spa alone for index.html)"],
    [["--compress=yes"], "--compress takes no value"],
    [["--clean-urls=1"], "--clean-urls takes no value"],
  ])("refuses %j", (argv, message) => {
    expect(parseCommand(argv, exists)).toEqual({ kind: "usage-error", message });
  });

  it("lists the flags under a Dev server group in the help", () => {
    const group = HELP_TEXT.split("\n\n").find((block) => block.startsWith("Dev server:")) ?? "";
    for (const flag of ["--compress", "--clean-urls", "--spa[=PAGE]"]) expect(group).toContain(flag);
  });
});
