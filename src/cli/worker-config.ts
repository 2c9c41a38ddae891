import type { ExtraHeader } from "../shared/header-rules.js";

/**
 * What the worker is started with, the same for `edgeserve DIR` and `edgeserve deploy`
 * (src/worker/env.ts reads it). wrangler.toml, for `npx wrangler dev`, repeats the date: a test
 * keeps them equal.
 */

export const COMPATIBILITY_DATE = "2026-04-01";

export const DEFAULT_GREET_PATH = "/hello";

export interface WorkerVariables {
  HOME_PAGE: string;
  GREET_PATH: string;
  GREET_PRECEDENCE: "greeting" | "files";
  CACHE_MAX_AGE: string;
  IS_PREVIEW: "0" | "1";
  REQUEST_LOG: "on" | "off";
  /** The dev-server flags: each variable only when its flag is given, so without them nothing changes. */
  COMPRESS?: "on";
  CLEAN_URLS?: "on";
  SPA_PAGE?: string;
  /** --reload, local only: absent otherwise, so a deploy's configuration never carries it. */
  RELOAD?: "on";
  CORS?: "1";
  /** JSON array of {name, value} (src/worker/extra-headers.ts). */
  EXTRA_HEADERS?: string;
  /** "1" when a password is asked; the password itself is a secret (WorkerSecrets), never a variable. */
  AUTH_REQUIRED?: "1";
}

/**
 * Bindings that must never be written where a variable may be: locally they are bindings of the
 * private workerd config, on the edge Worker secrets (wrangler's --secrets-file), never in
 * wrangler.json or the bundle.
 */
export interface WorkerSecrets {
  EDGESERVE_AUTH?: string;
}

export interface VariablesInput {
  homePage: string | null;
  /** As given: null for the default, "off", or a path the user chose (which then wins over files). */
  greetPath: string | null;
  cacheMaxAge: number;
  isPreview: boolean;
  isRequestLogOn: boolean;
  compress: boolean;
  cleanUrls: boolean;
  spaPage: string | null;
  /** The dev-server flags (README "Dev-server features"); absent means off. */
  cors?: boolean;
  extraHeaders?: readonly ExtraHeader[];
  auth?: string | null;
  /** Only `edgeserve DIR` passes it; `edgeserve deploy` has no --reload. */
  isReloadOn?: boolean;
}

export function createWorkerVariables(input: VariablesInput): WorkerVariables {
  return {
    HOME_PAGE: input.homePage ?? "",
    GREET_PATH: input.greetPath ?? DEFAULT_GREET_PATH,
    GREET_PRECEDENCE: input.greetPath === null ? "files" : "greeting",
    CACHE_MAX_AGE: String(input.cacheMaxAge),
    IS_PREVIEW: input.isPreview ? "1" : "0",
    REQUEST_LOG: input.isRequestLogOn ? "on" : "off",
    ...(input.compress ? { COMPRESS: "on" } : {}),
    ...(input.cleanUrls ? { CLEAN_URLS: "on" } : {}),
    ...(input.spaPage === null ? {} : { SPA_PAGE: input.spaPage }),
    ...(input.cors === true ? { CORS: "1" } : {}),
    ...(input.extraHeaders && input.extraHeaders.length > 0
      ? { EXTRA_HEADERS: JSON.stringify(input.extraHeaders.map(({ name, value }) => ({ name, value }))) }
      : {}),
    ...(typeof input.auth === "string" ? { AUTH_REQUIRED: "1" } : {}),
    ...(input.isReloadOn === true ? { RELOAD: "on" as const } : {}),
  };
}

export function createWorkerSecrets({ auth }: Pick<VariablesInput, "auth">): WorkerSecrets {
  return typeof auth === "string" ? { EDGESERVE_AUTH: auth } : {};
}
