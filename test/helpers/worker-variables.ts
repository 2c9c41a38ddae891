import type { VariablesInput } from "../../src/cli/worker-config.js";

/** What the CLI passes for the worker's variables with no flag given; tests spread their changes over it. */
export const PLAIN_VARIABLES_INPUT: VariablesInput = {
  homePage: null,
  greetPath: null,
  cacheMaxAge: 0,
  isPreview: false,
  isRequestLogOn: true,
  compress: false,
  cleanUrls: false,
  spaPage: null,
};
