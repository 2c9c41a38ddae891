import { describe, expect, it } from "vitest";
import { createWorkerVariables, type VariablesInput } from "../../src/cli/worker-config.js";
import { PLAIN_VARIABLES_INPUT } from "../helpers/worker-variables.js";

const INPUT = PLAIN_VARIABLES_INPUT;

describe("createWorkerVariables", () => {
  it("adds no variable for a dev-server flag that is not given, so the worker runs as before", () => {
    expect(createWorkerVariables(INPUT)).toEqual({
      HOME_PAGE: "",
      GREET_PATH: "/hello",
      GREET_PRECEDENCE: "files",
      CACHE_MAX_AGE: "0",
      IS_PREVIEW: "0",
      REQUEST_LOG: "on",
    });
  });

  it.each<[Partial<VariablesInput>, Record<string, string>]>([
    [{ compress: true }, { COMPRESS: "on" }],
    [{ cleanUrls: true }, { CLEAN_URLS: "on" }],
    [{ spaPage: "index.html" }, { SPA_PAGE: "index.html" }],
    [{ spaPage: "app/shell.html" }, { SPA_PAGE: "app/shell.html" }],
  ])("passes %j on as %j", (flags, variables) => {
    const all = createWorkerVariables({ ...INPUT, ...flags });
    expect(all).toMatchObject(variables);
    expect(Object.keys(all)).toHaveLength(7);
  });
});
