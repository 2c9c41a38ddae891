import { afterEach, describe, expect, it, vi } from "vitest";
import { checkGreeting } from "../../src/cli/preflight.js";
import { buildFolderIndex } from "../../src/manifest/build.js";
import { makeFolder } from "../helpers/cli.js";

describe("checkGreeting", () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    ["/café", true],
    ["/caf%C3%A9", true],
    ["/caf%C3%A9/", true],
    ["/other", false],
  ])("decodes --greet %s as the worker does before looking for a real entry (warns: %s)", async (greet, warns) => {
    const index = await buildFolderIndex(await makeFolder({ "café/index.html": "<p>x</p>" }));
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(checkGreeting(index, greet)).toBe(greet);
    expect(stderr.mock.calls.some(([text]) => String(text).includes("hides the folder's own"))).toBe(warns);
  });
});
