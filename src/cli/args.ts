import { parseArgs, type ParseArgsConfig } from "node:util";

/** argv to a typed command or a usage error; owns the help text (STYLE 16). Pure. */

export interface ServeOptions {
  directory: string;
  port: number;
  host: string;
  homePage: string | null;
  /** null: the default /hello; "off": none; else the path the user chose. */
  greetPath: string | null;
  cacheMaxAge: number;
  quiet: boolean;
  logFormat: "text" | "json";
  verbose: boolean;
  withDigests: boolean;
  open: boolean;
}

export interface DeployOptions {
  directory: string;
  name: string | null;
  alias: string | null;
  homePage: string | null;
  greetPath: string | null;
  cacheMaxAge: number;
  isProduction: boolean;
  isDryRun: boolean;
  outdir: string | null;
  withDigests: boolean;
  verbose: boolean;
}

export type Command =
  | { kind: "serve"; options: ServeOptions }
  | { kind: "deploy"; options: DeployOptions }
  | { kind: "help"; text: string }
  | { kind: "version" }
  | { kind: "usage-error"; message: string };

const SHARED = {
  home: { type: "string" },
  greet: { type: "string" },
  "cache-max-age": { type: "string" },
  digests: { type: "boolean" },
  verbose: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const satisfies ParseArgsConfig["options"];

const SERVE_FLAGS = {
  ...SHARED,
  port: { type: "string", short: "p" },
  host: { type: "string", short: "H" },
  bind: { type: "string", short: "b" },
  quiet: { type: "boolean", short: "q" },
  "log-format": { type: "string" },
  open: { type: "boolean", short: "o" },
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
  edgeserve [DIR] [options]          serve DIR (default: the current folder)
  edgeserve deploy [DIR] [options]   upload a preview copy of DIR to Cloudflare

Serve:
  -p, --port N           port to listen on (default 8000; 0 picks a free one)
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

Deploy (needs CLOUDFLARE_API_TOKEN, or a wrangler login):
      --name NAME        the Worker's name (default: the folder's name)
      --alias ALIAS      preview alias (default: the git branch, else the folder's name)
      --production       deploy to production instead of uploading a preview version
      --dry-run          build everything and list what would be uploaded; upload nothing
      --outdir D         where --dry-run writes the bundle and the asset list
      --home, --greet, --cache-max-age, --digests as above

Other:
  -h, --help             this help
  -v, --version          edgeserve's version and the workerd it runs on

Examples:
  edgeserve                          the current folder on http://127.0.0.1:8000/
  edgeserve public --home mywebpage.html --greet /
  edgeserve ~/photos --port 9000 --host 0.0.0.0
  edgeserve deploy site --name my-preview --dry-run --outdir out
`;

export function parseCommand(argv: readonly string[]): Command {
  const isDeploy = argv[0] === "deploy";
  const args = isDeploy ? argv.slice(1) : [...argv];
  let parsed;
  try {
    parsed = parseArgs({ args, options: isDeploy ? DEPLOY_FLAGS : SERVE_FLAGS, allowPositionals: true, strict: true });
  } catch (error) {
    return { kind: "usage-error", message: describeParseError(error) };
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return { kind: "help", text: HELP_TEXT };
  if (values.version) return { kind: "version" };
  if (parsed.positionals.length > 1) {
    return { kind: "usage-error", message: `expected one folder, got ${parsed.positionals.length}: ${parsed.positionals.join(" ")}` };
  }
  const directory = parsed.positionals[0] ?? ".";
  const cacheMaxAge = parseWholeNumber(values["cache-max-age"], 0, 31_536_000);
  if (cacheMaxAge === null) return { kind: "usage-error", message: "--cache-max-age takes a number of seconds from 0 to 31536000" };
  const greetPath = values.greet === undefined ? null : normaliseGreetPath(String(values.greet));
  if (greetPath === undefined) return { kind: "usage-error", message: '--greet takes a path starting with "/" (like /hello) or "off"' };
  const shared = {
    directory,
    homePage: typeof values.home === "string" && values.home !== "" ? values.home : null,
    greetPath,
    cacheMaxAge,
    withDigests: values.digests === true,
    verbose: values.verbose === true,
  };
  return isDeploy ? deployCommand(values, shared) : serveCommand(values, shared);
}

function serveCommand(values: Record<string, string | boolean | undefined>, shared: SharedOptions): Command {
  const port = parseWholeNumber(values.port, 8000, 65535);
  if (port === null) return { kind: "usage-error", message: `--port takes a number from 0 to 65535, not "${String(values.port)}"` };
  const logFormat = values["log-format"] ?? "text";
  if (logFormat !== "text" && logFormat !== "json") return { kind: "usage-error", message: '--log-format takes "text" or "json"' };
  const host = String(values.host ?? values.bind ?? "127.0.0.1");
  return {
    kind: "serve",
    options: { ...shared, port, host, quiet: values.quiet === true, logFormat, open: values.open === true },
  };
}

function deployCommand(values: Record<string, string | boolean | undefined>, shared: SharedOptions): Command {
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

type SharedOptions = Pick<ServeOptions, "directory" | "homePage" | "greetPath" | "cacheMaxAge" | "withDigests" | "verbose">;

function parseWholeNumber(value: string | boolean | undefined, fallback: number, max: number): number | null {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !/^\d{1,9}$/.test(value)) return null;
  const number = Number(value);
  return number <= max ? number : null;
}

/** "off" stays "off"; a path must start with "/" and hold no control characters. */
function normaliseGreetPath(value: string): string | undefined {
  if (value === "off") return "off";
  if (!value.startsWith("/") || /[\u0000-\u001f\u007f\\?#]/.test(value)) return undefined;
  return value;
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option ${unknown[1]}`;
  const missing = /Option '([^']+)' argument missing/.exec(message);
  if (missing) return `${missing[1]?.replace(/^-\w, /, "")} needs a value`;
  return message.split("\n")[0] ?? message;
}
