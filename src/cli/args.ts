import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
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
import { DEPLOY_FLAGS, HELP_TEXT, SERVE_FLAGS } from "./flags.js";

export type { Command, DeployOptions, ServeOptions, TlsChoice } from "./command.js";
export { HELP_TEXT } from "./flags.js";

/**
 * argv to a typed command or a usage error (the flags and help text: flags.ts). Pure apart from one question,
 * "does this path exist?", which decides whether a bare number is a folder or python's
 * positional port; tests pass their own answer. The environment is read for EDGESERVE_AUTH only,
 * and is passed in the same way.
 */

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
