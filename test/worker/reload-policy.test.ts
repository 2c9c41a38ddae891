import { describe, expect, it } from "vitest";
import { allowReloadScript } from "../../src/worker/reload-policy.js";

const HASH = "'sha256-abc='";

describe("allowReloadScript", () => {
  it.each<[string, string]>([
    // edgeserve's own pages: the hash beside the listing's, and connections to this origin.
    ["default-src 'none'; script-src 'sha256-L='", `default-src 'none'; script-src 'sha256-L=' ${HASH}; connect-src 'self'`],
    ["default-src 'none'", `default-src 'none'; script-src ${HASH}; connect-src 'self'`],
    ["default-src 'self'", `default-src 'self'; script-src 'self' ${HASH}`],
    ["script-src 'self'", `script-src 'self' ${HASH}`],
    ["script-src 'self' 'unsafe-inline'", "script-src 'self' 'unsafe-inline'"],
    ["script-src 'unsafe-inline' 'nonce-x'", `script-src 'unsafe-inline' 'nonce-x' ${HASH}`],
    ["script-src 'self'; script-src-elem 'self'", `script-src 'self'; script-src-elem 'self' ${HASH}`],
    ["script-src 'none'; connect-src https://api.example", `script-src ${HASH}; connect-src https://api.example 'self'`],
    ["connect-src *", "connect-src *"],
    ["img-src 'self'", "img-src 'self'"],
    ["SCRIPT-SRC 'self'; script-src 'none'", `script-src 'self' ${HASH}`],
    [`script-src ${HASH}; connect-src 'self'`, `script-src ${HASH}; connect-src 'self'`],
  ])("%j becomes %j", (policy, amended) => {
    expect(allowReloadScript(policy, HASH)).toBe(amended);
  });
});
