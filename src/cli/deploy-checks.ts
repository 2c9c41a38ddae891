import { existsSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ExtraHeader } from "../shared/header-rules.js";
import { UsageError, UserError } from "./user-error.js";

/** What `edgeserve deploy` checks before it builds or starts wrangler: names, limits, credentials. Pure but for reading wrangler's login file. */

/** Static assets per Worker version on the free plan (paid: 100,000). The lower one, so no plan fails halfway. */
export const MAX_DEPLOY_FILES = 20_000;
/** A preview URL is ALIAS-NAME.SUBDOMAIN: alias, dash and name share one DNS label. */
const MAX_DNS_LABEL = 63;
const WORKER_NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const ALIAS = /^[a-z](?:[a-z0-9-]*[a-z0-9])?$/;
export const TOKEN_HELP =
  'no Cloudflare credentials found: set CLOUDFLARE_API_TOKEN to a token created at https://dash.cloudflare.com/profile/api-tokens from the "Edit Cloudflare Workers" template (plus CLOUDFLARE_ACCOUNT_ID if it reaches several accounts), or run npx wrangler login once; --dry-run needs neither';

export interface AssetFile {
  /** As wrangler uploads it: "/f/" + the file's path in DIR. */
  path: string;
  size: number;
}

export type UploadCheck = { kind: "ok" } | { kind: "file-too-large"; files: AssetFile[] } | { kind: "too-many-files"; count: number };

/** Pure: the platform limits, checked before wrangler is started. */
export function checkUploadLimits(files: readonly AssetFile[], tooLarge: readonly AssetFile[]): UploadCheck {
  if (tooLarge.length > 0) return { kind: "file-too-large", files: [...tooLarge] };
  if (files.length > MAX_DEPLOY_FILES) return { kind: "too-many-files", count: files.length };
  return { kind: "ok" };
}

/** Lowercase letters, digits and single dashes, trimmed to `maxLength`: "Feature/Foo_Bar" → "feature-foo-bar". */
export function slugify(text: string, maxLength = MAX_DNS_LABEL): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "");
  return slug.slice(0, maxLength).replace(/-+$/, "");
}

/** Pure: the preview alias, which must start with a letter and leave room for the Worker's name. */
export function chooseAlias(given: string | null, fallback: string, workerName: string): string {
  const room = MAX_DNS_LABEL - workerName.length - 1;
  if (given !== null) {
    if (!ALIAS.test(given) || given.length > room) {
      throw new UsageError(
        `--alias ${given}: an alias is lowercase letters, digits and dashes, starts with a letter, and is at most ${room} characters with the name ${workerName}`,
      );
    }
    return given;
  }
  const slug = slugify(/^[a-z]/i.test(fallback) ? fallback : `preview-${fallback}`, room);
  if (!ALIAS.test(slug)) throw new UserError(`cannot make a preview alias from "${fallback}"; choose one with --alias`);
  return slug;
}

export type Credentials = "api-token" | "global-api-key" | "wrangler-login" | null;

/** Where wrangler 4.86 keeps `wrangler login` (xdg-app-paths, or a legacy ~/.wrangler). */
export function wranglerLoginFile(env: NodeJS.ProcessEnv, platform = process.platform): string {
  const home = env.HOME ?? env.USERPROFILE ?? os.homedir();
  const legacy = path.join(home, ".wrangler");
  const byPlatform =
    platform === "darwin"
      ? path.join(home, "Library", "Preferences")
      : platform === "win32"
        ? path.join(env.APPDATA ?? path.join(home, "AppData", "Roaming"), "xdg.config")
        : path.join(home, ".config");
  const base = isDirectory(legacy) ? legacy : path.join(env.XDG_CONFIG_HOME || byPlatform, ".wrangler");
  return path.join(base, "config", env.WRANGLER_API_ENVIRONMENT === "staging" ? "staging.toml" : "default.toml");
}

/** The credentials wrangler would use, in its own order; null when it would open a browser to log in. */
export function findCredentials(env: NodeJS.ProcessEnv): Credentials {
  if ((env.CLOUDFLARE_API_KEY ?? env.CF_API_KEY) && (env.CLOUDFLARE_EMAIL ?? env.CF_EMAIL)) return "global-api-key";
  if (env.CLOUDFLARE_API_TOKEN ?? env.CF_API_TOKEN) return "api-token";
  const loginFile = wranglerLoginFile(env);
  const text = existsSync(loginFile) ? readFileSync(loginFile, "utf8") : "";
  return /^\s*(oauth_token|api_token)\s*=/m.test(text) ? "wrangler-login" : null;
}

export function chooseWorkerName(given: string | null, root: string): string {
  if (given !== null) {
    if (WORKER_NAME.test(given) && given.length < MAX_DNS_LABEL) return given;
    throw new UsageError(
      `--name ${given}: a Worker's name is lowercase letters, digits and dashes, at most 62 characters (try --name ${slugify(given, 62) || "my-site"})`,
    );
  }
  const slug = slugify(path.basename(root), 40);
  if (slug === "") throw new UserError(`cannot make a Worker name from the folder ${root}; give one with --name`);
  return slug;
}

/** Where the upload will answer: workers.dev, under the account's own subdomain (unknown offline). */
export function describeWorkerUrl(name: string, alias: string | null): string {
  return `https://${alias === null ? "" : `${alias}-`}${name}.<your-subdomain>.workers.dev/`;
}

export interface NextCommandInput {
  directory: string;
  name: string;
  alias: string | null;
  homePage: string | null;
  greetPath: string | null;
  cacheMaxAge: number;
  withDigests: boolean;
  cors?: boolean;
  extraHeaders?: readonly ExtraHeader[];
  auth?: string | null;
}

/** The command that uploads what a dry run built: the same folder, names and worker settings, without --dry-run. */
export function describeNextCommand(input: NextCommandInput): string {
  const words = ["edgeserve", "deploy", input.directory, "--name", input.name];
  if (input.alias === null) words.push("--production");
  else words.push("--alias", input.alias);
  if (input.homePage !== null) words.push("--home", input.homePage);
  if (input.greetPath !== null) words.push("--greet", input.greetPath);
  if (input.cacheMaxAge !== 0) words.push("--cache-max-age", String(input.cacheMaxAge));
  if (input.withDigests) words.push("--digests");
  if (input.cors) words.push("--cors");
  for (const { name, value } of input.extraHeaders ?? []) words.push("--header", `${name}: ${value}`);
  const command = words.map(quoteForShell).join(" ");
  // The password is never printed: the user gives it again.
  return input.auth ? `${command} (with the password in EDGESERVE_AUTH, or --auth)` : command;
}

/** A word as a POSIX shell reads it back: bare when safe, else in single quotes. */
export function quoteForShell(word: string): string {
  return /^[\w@%+=:,./~-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function isDirectory(candidate: string): boolean {
  try {
    return statSync(candidate).isDirectory();
  } catch {
    return false;
  }
}
