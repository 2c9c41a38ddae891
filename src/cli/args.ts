import { existsSync } from "node:fs";
import { type ParseArgsConfig, parseArgs } from "node:util";
import type { Command, FolderOptions, TlsChoice } from "./command.js";
import {
  describeParseError,
  type Environment,
  expandSpaFlag,
  MAX_PORT,
  normaliseGreetPath,
  parseAccessFlags,
  parseWholeNumber,
} from "./flag-values.js";

export type { Command, DeployOptions, ServeOptions, TlsChoice } from "./command.js";

/**
 * argv to a typed command or a usage error; owns the help text. Pure apart from one question,
 * "does this path exist?", which decides whether a bare number is a folder or python's
 * positional port; tests pass their own answer. The environment is read for EDGESERVE_AUTH only,
 * and is passed in the same way.
 */

const SHARED = {
  directory: { type: "string", short: "d" },
  home: { type: "string" },
  greet: { type: "string" },
  "cache-max-age": { type: "string" },
  digests: { type: "boolean" },
  verbose: { type: "boolean" },
  cors: { type: "boolean" },
  header: { type: "string", multiple: true },
  auth: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
  compress: { type: "boolean" },
  "clean-urls": { type: "boolean" },
  spa: { type: "string" },
} as const satisfies ParseArgsConfig["options"];

const SERVE_FLAGS = {
  ...SHARED,
  port: { type: "string", short: "p" },
  host: { type: "string", short: "H" },
  bind: { type: "string", short: "b" },
  quiet: { type: "boolean", short: "q" },
  "log-format": { type: "string" },
  open: { type: "boolean", short: "o" },
  tls: { type: "boolean" },
  "tls-cert": { type: "string" },
  "tls-key": { type: "string" },
  reload: { type: "boolean" },
} as const satisfies ParseArgsConfig["options"];

const DEPLOY_FLAGS = {
  ...SHARED,
  name: { type: "string" },
  alias: { type: "string" },
  production: { type: "boolean" },
  "dry-run": { type: "boolean" },
  outdir: { type: "string" },
} as const satisfies ParseArgsConfig["options"];

export const HELP_TEXT = `edgeserve — serve a folder on the Cloudflare Workers runtime

Usage:
  edgeserve [DIR] [PORT] [options]   serve DIR (default: the current folder)
  edgeserve deploy [DIR] [options]   upload a preview copy of DIR to Cloudflare

Serve:
  -d, --directory DIR    the folder to serve, as in python3 -m http.server (or give DIR alone)
  -p, --port N           port to listen on (default 8000; 0 picks a free one); a bare
                         number works too (edgeserve 9000) unless a folder has that name
  -H, --host ADDR        address to bind (default 127.0.0.1; 0.0.0.0 exposes DIR to your network)
                         (-b, --bind is the same, as in python3 -m http.server)
      --home PAGE        serve PAGE (a file in DIR) at /, e.g. --home mywebpage.html
      --greet PATH|off   the greeting page: PATH?name=Billy says Hello Billy! (default /hello)
      --cache-max-age S  let browsers cache files for S seconds (default 0: always revalidate)
      --digests          compute SHA-256 of every file for the JSON listing (slower start)
  -q, --quiet            no request log
      --log-format F     request log as text (default) or json, one object per line
  -o, --open             open the URL in the default browser
      --verbose          show the runtime's own output

Dev server:
      --compress         gzip or brotli for text files by Accept-Encoding (precompressed
                         NAME.br / NAME.gz beside a file are used when not older than it)
      --clean-urls       /about serves about.html, and /about.html redirects to /about
      --spa[=PAGE]       a path with no extension that matches nothing gets PAGE (default
                         index.html) with 200; give the page after "=": --spa=app.html
      --cors             let any web page read the answers (Access-Control-Allow-Origin: *)
      --header "N: V"    add the header N: V to every answer (repeatable)
      --auth USER:PASS   ask for this user name and password (HTTP Basic) on every path;
                         or set EDGESERVE_AUTH=USER:PASS to keep it out of shell history
                         (--auth wins over EDGESERVE_AUTH)
      --tls              HTTPS on the same port, with a self-signed certificate kept in
                         your cache folder (its SHA-256 fingerprint is printed at start)
      --tls-cert FILE    HTTPS with this PEM certificate (chain) instead, with --tls-key
      --tls-key FILE     the PEM private key of --tls-cert
      --reload           reload open pages when the folder changes (stylesheets in place)

Deploy (needs CLOUDFLARE_API_TOKEN, or a wrangler login):
      --name NAME        the Worker's name (default: the folder's name)
      --alias ALIAS      preview alias (default: the git branch, else the folder's name)
      --production       deploy to production instead of uploading a preview version
      --dry-run          build everything and list what would be uploaded; upload nothing
      --outdir D         where --dry-run writes the bundle and the asset list
      -d/--directory, --home, --greet, --cache-max-age, --digests as above, and the
      Dev server flags --compress, --clean-urls, --spa, --cors, --header, --auth
      (--auth is sent as a Worker secret)

Other:
  -h, --help             this help
  -v, --version          edgeserve's version and the workerd it runs on

Examples:
  edgeserve                          the current folder on http://127.0.0.1:8000/
  edgeserve public --home mywebpage.html --greet /
  edgeserve 9000                     python's habit: the current folder on port 9000
  edgeserve ~/photos --port 9000 --host 0.0.0.0
  edgeserve deploy site --name my-preview --dry-run --outdir out
`;

/** True when something (a file or folder) exists at this path, relative to the working folder. */
export type PathExists = (path: string) => boolean;

const PORT_LIKE = /^\d{1,9}$/;

export function parseCommand(
  argv: readonly string[],
  pathExists: PathExists = existsSync,
  environment: Environment = process.env,
): Command {
  const isDeploy = argv[0] === "deploy";
  const args = expandSpaFlag(isDeploy ? argv.slice(1) : [...argv]);
  if (typeof args === "string") return { kind: "usage-error", message: args };
  const flags = isDeploy ? DEPLOY_FLAGS : SERVE_FLAGS;
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof flags; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args, options: flags, allowPositionals: true, strict: true });
  } catch (error) {
    return { kind: "usage-error", message: describeParseError(error, args, flags) };
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return { kind: "help", text: HELP_TEXT };
  if (values.version) return { kind: "version" };
  const placed = isDeploy
    ? placeDeployPositionals(parsed.positionals, values)
    : placeServePositionals(parsed.positionals, values, pathExists);
  if (typeof placed === "string") return { kind: "usage-error", message: placed };
  const cacheMaxAge = parseWholeNumber(values["cache-max-age"], 0, 31_536_000);
  if (cacheMaxAge === null) return { kind: "usage-error", message: "--cache-max-age takes a number of seconds from 0 to 31536000" };
  const greetPath = values.greet === undefined ? null : normaliseGreetPath(String(values.greet));
  if (greetPath === undefined) return { kind: "usage-error", message: '--greet takes a path starting with "/" (like /hello) or "off"' };
  const access = parseAccessFlags(values, environment);
  if (typeof access === "string") return { kind: "usage-error", message: access };
  const shared = {
    directory: placed.directory,
    homePage: typeof values.home === "string" && values.home !== "" ? values.home : null,
    greetPath,
    cacheMaxAge,
    withDigests: values.digests === true,
    verbose: values.verbose === true,
    compress: values.compress === true,
    cleanUrls: values["clean-urls"] === true,
    spaPage: typeof values.spa === "string" ? values.spa : null,
    ...access,
  };
  return isDeploy ? deployCommand(values, shared) : serveCommand({ ...values, port: placed.port ?? values.port }, shared);
}

interface Placed {
  directory: string;
  /** A port given as a bare number (python's habit), as typed. */
  port?: string;
}

/**
 * The rules for bare words, python's `http.server [PORT]` beside our `[DIR]`:
 * - a word that names an existing file or folder is the folder (`edgeserve 2026` serves ./2026);
 * - a word of digits that names nothing is a port (`edgeserve 9000`, `edgeserve 9000 site`,
 *   `edgeserve site 9000`), unless --port is given too: then it is an error naming both;
 * - at most one folder (bare or --directory) and at most one bare port; anything else is an
 *   error that says what each word was taken for and how to say it with --port or --directory.
 */
function placeServePositionals(
  words: readonly string[],
  values: Record<string, string | boolean | undefined>,
  pathExists: PathExists,
): Placed | string {
  const folders: string[] = [];
  const ports: string[] = [];
  for (const word of words) (PORT_LIKE.test(word) && !pathExists(word) ? ports : folders).push(word);
  const directoryFlag = typeof values.directory === "string" ? values.directory : undefined;
  if (directoryFlag === "") return "--directory needs a folder";
  if (ports.length > 1) return `expected at most one port, got ${ports.join(" and ")}: give the port once, with --port N`;
  const port = ports[0];
  if (port !== undefined) {
    if (Number(port) > MAX_PORT) return `${port} is neither a folder here nor a port (0 to ${MAX_PORT}); give the port with --port N`;
    if (values.port !== undefined)
      return `${port} would be a second port beside --port ${String(values.port)}; give the port once (a folder named ${port} does not exist here)`;
  }
  if (directoryFlag !== undefined && folders.length > 0)
    return `got the folder twice (--directory ${directoryFlag} and ${folders.join(" ")}); give it once`;
  if (folders.length > 1)
    return `expected one folder, got ${folders.length}: ${folders.join(" ")}${folders.some((word) => PORT_LIKE.test(word)) ? " (a folder with a number for a name is taken as the folder: give the port with --port N)" : ""}`;
  return { directory: directoryFlag ?? folders[0] ?? ".", ...(port === undefined ? {} : { port }) };
}

function placeDeployPositionals(words: readonly string[], values: Record<string, string | boolean | undefined>): Placed | string {
  const directoryFlag = typeof values.directory === "string" ? values.directory : undefined;
  if (directoryFlag === "") return "--directory needs a folder";
  if (directoryFlag !== undefined && words.length > 0)
    return `got the folder twice (--directory ${directoryFlag} and ${words.join(" ")}); give it once`;
  if (words.length > 1) return `expected one folder, got ${words.length}: ${words.join(" ")}`;
  return { directory: directoryFlag ?? words[0] ?? "." };
}

function serveCommand(values: Record<string, string | boolean | undefined>, shared: FolderOptions): Command {
  const port = parseWholeNumber(values.port, 8000, 65535);
  if (port === null) return { kind: "usage-error", message: `--port takes a number from 0 to 65535, not "${String(values.port)}"` };
  const logFormat = values["log-format"] ?? "text";
  if (logFormat !== "text" && logFormat !== "json") return { kind: "usage-error", message: '--log-format takes "text" or "json"' };
  const host = String(values.host ?? values.bind ?? "127.0.0.1");
  const tls = chooseTls(values);
  if (typeof tls === "string") return { kind: "usage-error", message: tls };
  return {
    kind: "serve",
    options: {
      ...shared,
      port,
      host,
      quiet: values.quiet === true,
      logFormat,
      open: values.open === true,
      tls,
      reload: values.reload === true,
    },
  };
}

/** --tls-cert and --tls-key come together, and imply --tls. */
function chooseTls(values: Record<string, string | boolean | undefined>): TlsChoice | string {
  const certificateFile = values["tls-cert"];
  const keyFile = values["tls-key"];
  if (certificateFile === "" || keyFile === "") return `--${certificateFile === "" ? "tls-cert" : "tls-key"} needs a file`;
  if (typeof certificateFile === "string" && typeof keyFile === "string") return { kind: "files", certificateFile, keyFile };
  if (typeof certificateFile === "string") return "--tls-cert needs --tls-key with the certificate's private key";
  if (typeof keyFile === "string") return "--tls-key needs --tls-cert with the certificate the key belongs to";
  return values.tls === true ? { kind: "self-signed" } : { kind: "off" };
}

function deployCommand(values: Record<string, string | boolean | undefined>, shared: FolderOptions): Command {
  const text = (key: string) => (typeof values[key] === "string" && values[key] !== "" ? (values[key] as string) : null);
  return {
    kind: "deploy",
    options: {
      ...shared,
      name: text("name"),
      alias: text("alias"),
      isProduction: values.production === true,
      isDryRun: values["dry-run"] === true,
      outdir: text("outdir"),
    },
  };
}
