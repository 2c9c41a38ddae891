import type { Env } from "./env.js";

export interface Config {
  homePage: string[] | null;
  greetPath: string | null;
  doesGreetingWin: boolean;
  cacheControl: string;
  isPreview: boolean;
  isRequestLogOn: boolean;
}

/** Every default decided here, once, so no later code checks for undefined (STYLE 10). */
export function readConfig(env: Env): Config {
  const homePage = (env.HOME_PAGE ?? "").split("/").filter((segment) => segment !== "" && segment !== ".");
  const greetPath = env.GREET_PATH ?? "/hello";
  const maxAge = Number.parseInt(env.CACHE_MAX_AGE ?? "0", 10);
  return {
    homePage: homePage.length > 0 ? homePage : null,
    greetPath: greetPath === "" || greetPath === "off" ? null : greetPath,
    doesGreetingWin: env.GREET_PRECEDENCE === "greeting",
    cacheControl: Number.isSafeInteger(maxAge) && maxAge > 0 ? `public, max-age=${maxAge}` : "no-cache",
    isPreview: env.IS_PREVIEW === "1",
    isRequestLogOn: env.REQUEST_LOG !== "off",
  };
}
