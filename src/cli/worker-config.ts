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
    ...(input.isReloadOn === true ? { RELOAD: "on" as const } : {}),
  };
}
