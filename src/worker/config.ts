import type { ExtraHeader } from "../shared/header-rules.js";
import { decodeRequestPath } from "../shared/paths.js";
import { createAssetFiles } from "./asset-files.js";
import { type AuthConfig, readAuth } from "./auth.js";
import { createDiskFiles } from "./disk-files.js";
import type { Env } from "./env.js";
import { readExtraHeaders } from "./extra-headers.js";
import type { FileSource } from "./file-source.js";

export interface Config {
  homePage: string[] | null;
  /** The greeting's path as segments ([] for "/"), or null when it is off. */
  greetSegments: string[] | null;
  doesGreetingWin: boolean;
  cacheControl: string;
  isPreview: boolean;
  isRequestLogOn: boolean;
  isCompressionOn: boolean;
  hasCleanUrls: boolean;
  /** The --spa page as segments, or null when it is off. */
  spaPage: string[] | null;
  isCorsOn: boolean;
  extraHeaders: ExtraHeader[];
  auth: AuthConfig;
  /** --reload: never set in a deploy (the CLI binds RELOAD only for `edgeserve DIR`). */
  isReloadOn: boolean;
  /** Where file bytes come from, chosen once (src/worker/file-source.ts). */
  files: FileSource;
}

const configs = new WeakMap<Env, Config>();

/**
 * Every default decided here, once per env object (the same for every request of an isolate),
 * so no later code checks for undefined.
 */
export function readConfig(env: Env): Config {
  let config = configs.get(env);
  if (config === undefined) {
    config = buildConfig(env);
    configs.set(env, config);
  }
  return config;
}

function buildConfig(env: Env): Config {
  const homePage = toSegments(env.HOME_PAGE);
  const spaPage = toSegments(env.SPA_PAGE);
  const greetPath = env.GREET_PATH ?? "/hello";
  const greet = greetPath === "" || greetPath === "off" ? null : decodeRequestPath(greetPath);
  const maxAge = Number.parseInt(env.CACHE_MAX_AGE ?? "0", 10);
  return {
    homePage: homePage.length > 0 ? homePage : null,
    greetSegments: greet?.kind === "path" ? greet.segments : null,
    doesGreetingWin: env.GREET_PRECEDENCE === "greeting",
    cacheControl: Number.isSafeInteger(maxAge) && maxAge > 0 ? `public, max-age=${maxAge}` : "no-cache",
    isPreview: env.IS_PREVIEW === "1",
    isRequestLogOn: env.REQUEST_LOG !== "off",
    isCompressionOn: env.COMPRESS === "on",
    hasCleanUrls: env.CLEAN_URLS === "on",
    spaPage: spaPage.length > 0 ? spaPage : null,
    isCorsOn: env.CORS === "1",
    extraHeaders: readExtraHeaders(env.EXTRA_HEADERS),
    auth: readAuth(env.AUTH_REQUIRED, env.EDGESERVE_AUTH),
    isReloadOn: env.RELOAD === "on",
    files: chooseFileSource(env),
  };
}

function toSegments(page: string | undefined): string[] {
  return (page ?? "").split("/").filter((segment) => segment !== "" && segment !== ".");
}

function chooseFileSource(env: Env): FileSource {
  if (env.FILES) return createDiskFiles(env.FILES);
  if (env.ASSETS) return createAssetFiles(env.ASSETS);
  throw new Error("the worker has neither a FILES nor an ASSETS binding");
}
