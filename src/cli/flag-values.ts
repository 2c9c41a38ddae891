import type { ParseArgsConfig } from "node:util";
import { type ExtraHeader, parseExtraHeader } from "../shared/header-rules.js";
import { UNSAFE_CHARACTER } from "../shared/names.js";
import type { FolderOptions } from "./command.js";

/** The values of the command line's flags to typed values or one sentence saying what is wrong. Pure. */

/** The environment, read for EDGESERVE_AUTH only. */
export type Environment = Readonly<Record<string, string | undefined>>;

export const MAX_PORT = 65535;

export const DEFAULT_SPA_PAGE = "index.html";

/**
 * `--spa` takes an optional page, which util.parseArgs cannot express: the page goes after "="
 * (`--spa=app.html`), and a bare `--spa` is `--spa=index.html`, so the word after it stays what
 * it would be without --spa (the folder, or python's port). A word after a bare --spa that names
 * an HTML page was almost surely meant as the page: an error says how to write either meaning.
 */
export function expandSpaFlag(args: readonly string[]): string[] | string {
  const end = args.indexOf("--");
  const flags = end < 0 ? args : args.slice(0, end);
  const expanded: string[] = [];
  for (const [index, word] of flags.entries()) {
    if (word === "--spa=") return "--spa= needs a page (or give --spa alone for index.html)";
    if (word !== "--spa") {
      expanded.push(word);
      continue;
    }
    const next = flags[index + 1];
    if (next !== undefined && /\.html?$/i.test(next) && !next.startsWith("-")) {
      return `--spa takes its page after "=": --spa=${next} (a word after --spa is the folder: write --spa -d ${next} if the folder is meant)`;
    }
    expanded.push(`--spa=${DEFAULT_SPA_PAGE}`);
  }
  return end < 0 ? expanded : [...expanded, ...args.slice(end)];
}

/** --cors, --header and --auth (README "Dev-server features"); the sentence naming the first bad one. */
export function parseAccessFlags(
  values: Record<string, unknown>,
  environment: Environment,
): Pick<FolderOptions, "cors" | "extraHeaders" | "auth"> | string {
  const extraHeaders: ExtraHeader[] = [];
  for (const text of (values.header as string[] | undefined) ?? []) {
    const header = parseExtraHeader(text);
    if (typeof header === "string") return header;
    extraHeaders.push(header);
  }
  const [source, auth] = typeof values.auth === "string" ? ["--auth", values.auth] : ["EDGESERVE_AUTH", environment.EDGESERVE_AUTH];
  // An empty EDGESERVE_AUTH is as good as unset; an empty --auth is a mistake.
  if (auth !== undefined && (auth !== "" || source === "--auth") && !isCredential(auth)) {
    // Never echo the value: it holds a password.
    return `${source} takes USER:PASS, a user name without a colon, a colon, then a password (neither empty, no control characters)`;
  }
  return { cors: values.cors === true, extraHeaders, auth: auth === undefined || auth === "" ? null : auth };
}

/** RFC 7617 §2: the user-id holds no colon and neither part holds control characters. */
function isCredential(text: string): boolean {
  const colon = text.indexOf(":");
  return colon > 0 && colon < text.length - 1 && !/[\u0000-\u001f\u007f]/.test(text);
}

export function parseWholeNumber(value: string | boolean | undefined, fallback: number, max: number): number | null {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !/^\d{1,9}$/.test(value)) return null;
  const number = Number(value);
  return number <= max ? number : null;
}

/** "off" stays "off"; a path must start with "/" and hold no control characters. */
export function normaliseGreetPath(value: string): string | undefined {
  if (value === "off") return "off";
  if (!value.startsWith("/") || UNSAFE_CHARACTER.test(value) || /[?#]/.test(value)) return undefined;
  return value;
}

/** Node's parser text to one sentence of ours (its own text names flags it thinks are ambiguous). */
export function describeParseError(error: unknown, args: readonly string[], flags: ParseArgsConfig["options"]): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option ${unknown[1]}`;
  const missing = /Option '([^']+)' argument missing/.exec(message);
  if (missing) return `${missing[1]?.replace(/^-\w, /, "").replace(/ <value>$/, "")} needs a value`;
  const noValue = /Option '([^']+)' does not take an argument/.exec(message);
  if (noValue) return `${longName(noValue[1]?.replace(/^-\w, /, "") ?? "", flags)} takes no value`;
  // "-p -1": Node refuses a value that starts with a dash, in case a value was forgotten.
  const ambiguous = /Option '([^']+)' argument is ambiguous/.exec(message);
  if (ambiguous) {
    const flag = longName(ambiguous[1] ?? "", flags);
    const value = args[args.indexOf(ambiguous[1] ?? "") + 1] ?? "";
    if (/^(--[a-z]|-[a-z]$)/i.test(value)) return `${flag} needs a value`;
    if (flag === "--port") return `--port takes a number from 0 to ${MAX_PORT}, not "${value}"`;
    if (flag === "--cache-max-age") return "--cache-max-age takes a number of seconds from 0 to 31536000";
    return `${flag} got "${value}", which starts with a dash; write ${flag}=${value} if that is meant`;
  }
  return message.split("\n")[0] ?? message;
}

/** "-p" → "--port", "--port" → "--port". */
function longName(flag: string, flags: ParseArgsConfig["options"]): string {
  if (flag.startsWith("--")) return flag;
  const found = Object.entries(flags ?? {}).find(([, option]) => option.short === flag.slice(1));
  return found ? `--${found[0]}` : flag;
}
