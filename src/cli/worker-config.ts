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
  CORS: "0" | "1";
  /** JSON array of {name, value} (src/worker/extra-headers.ts). */
  EXTRA_HEADERS: string;
  /** "1" when a password is asked; the password itself is a secret (WorkerSecrets), never a variable. */
  AUTH_REQUIRED: "0" | "1";
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
  /** The dev-server flags (README "Dev-server features"); absent means off. */
  cors?: boolean;
  extraHeaders?: readonly ExtraHeader[];
  auth?: string | null;
}

export function createWorkerVariables(input: VariablesInput): WorkerVariables {
  return {
    HOME_PAGE: input.homePage ?? "",
    GREET_PATH: input.greetPath ?? DEFAULT_GREET_PATH,
    GREET_PRECEDENCE: input.greetPath === null ? "files" : "greeting",
    CACHE_MAX_AGE: String(input.cacheMaxAge),
    IS_PREVIEW: input.isPreview ? "1" : "0",
    REQUEST_LOG: input.isRequestLogOn ? "on" : "off",
    CORS: input.cors === true ? "1" : "0",
    EXTRA_HEADERS: JSON.stringify((input.extraHeaders ?? []).map(({ name, value }) => ({ name, value }))),
    AUTH_REQUIRED: typeof input.auth === "string" ? "1" : "0",
  };
}

export function createWorkerSecrets({ auth }: Pick<VariablesInput, "auth">): WorkerSecrets {
  return typeof auth === "string" ? { EDGESERVE_AUTH: auth } : {};
}
