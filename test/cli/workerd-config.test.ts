import { describe, expect, it } from "vitest";
import { renderWorkerdConfig, type WorkerdConfigInput } from "../../src/cli/workerd-config.js";
import { createWorkerVariables } from "../../src/cli/worker-config.js";

const INPUT: WorkerdConfigInput = {
  workerFile: "worker.js",
  manifestFile: "manifest.js",
  compatibilityDate: "2026-04-01",
  linkFolder: "/tmp/links",
  variables: { ...createWorkerVariables({ homePage: null, greetPath: null, cacheMaxAge: 0, isPreview: false, isRequestLogOn: true }), CONTROL_TOKEN: "t" },
  tls: null,
};

describe("renderWorkerdConfig", () => {
  it("serves plain HTTP on the user's socket without --tls", () => {
    expect(renderWorkerdConfig(INPUT)).toContain('(name = "http", http = (), service = "edgeserve"),');
    expect(renderWorkerdConfig(INPUT)).not.toContain("https");
  });

  it("serves HTTPS on the user's socket with the keypair inline, the control socket staying HTTP", () => {
    const config = renderWorkerdConfig({ ...INPUT, tls: { privateKey: "-----KEY-----\nabc\n", certificate: "-----CERT-----\n" } });
    expect(config).toContain(
      '(name = "http", https = (options = (), tlsOptions = (keypair = (privateKey = "-----KEY-----\\x0aabc\\x0a", certificateChain = "-----CERT-----\\x0a"))), service = "edgeserve"),',
    );
    expect(config).toContain('(name = "control", address = "127.0.0.1:0", http = (), service = "edgeserve"),');
  });

  it("binds RELOAD only with --reload", () => {
    expect(renderWorkerdConfig(INPUT)).not.toContain("RELOAD");
    const variables = { ...createWorkerVariables({ homePage: null, greetPath: null, cacheMaxAge: 0, isPreview: false, isRequestLogOn: true, isReloadOn: true }), CONTROL_TOKEN: "t" };
    expect(renderWorkerdConfig({ ...INPUT, variables })).toContain('(name = "RELOAD", text = "on"),');
  });
});
