import type { ExtraHeader } from "../shared/header-rules.js";

/** The typed result of the command line (src/cli/args.ts parses it). */

/** What `edgeserve DIR` and `edgeserve deploy DIR` both take. */
export interface FolderOptions {
  directory: string;
  homePage: string | null;
  /** null: the default /hello; "off": none; else the path the user chose. */
  greetPath: string | null;
  cacheMaxAge: number;
  verbose: boolean;
  withDigests: boolean;
  compress: boolean;
  cleanUrls: boolean;
  /** --spa's page, relative to DIR; null when --spa is not given. */
  spaPage: string | null;
  cors: boolean;
  extraHeaders: ExtraHeader[];
  /** "USER:PASS" from --auth or EDGESERVE_AUTH; null for no password. */
  auth: string | null;
}

export interface ServeOptions extends FolderOptions {
  port: number;
  host: string;
  quiet: boolean;
  logFormat: "text" | "json";
  open: boolean;
  tls: TlsChoice;
  /** --reload: HTML answers reload when the folder changes (local only, never in a deploy). */
  reload: boolean;
}

/** --tls: a self-signed certificate kept in the user's cache folder, or --tls-cert/--tls-key. */
export type TlsChoice = { kind: "off" } | { kind: "self-signed" } | { kind: "files"; certificateFile: string; keyFile: string };

export interface DeployOptions extends FolderOptions {
  name: string | null;
  alias: string | null;
  isProduction: boolean;
  isDryRun: boolean;
  outdir: string | null;
}

export type Command =
  | { kind: "serve"; options: ServeOptions }
  | { kind: "deploy"; options: DeployOptions }
  | { kind: "help"; text: string }
  | { kind: "version" }
  | { kind: "usage-error"; message: string };
