import { describe, expect, it } from "vitest";
import { createWorkerSecrets, createWorkerVariables } from "../../src/cli/worker-config.js";
import { formatSocketAddress, quote, renderWorkerdConfig, type WorkerdConfigInput } from "../../src/cli/workerd-config.js";
import { PLAIN_VARIABLES_INPUT } from "../helpers/worker-variables.js";

const config = renderWorkerdConfig({
  workerFile: "worker.js",
  manifestFile: "manifest.js",
  compatibilityDate: "2026-04-01",
  linkFolder: '/dev/shm/edgeserve-x/assets/f "quoted"',
  variables: {
    ...createWorkerVariables({ ...PLAIN_VARIABLES_INPUT, homePage: "é.html" }),
    CONTROL_TOKEN: "t0k",
  },
  tls: null,
});

describe("renderWorkerdConfig", () => {
  it("binds the disk service over the link folder, read-only, to the worker only", () => {
    expect(config).toContain(
      '(name = "files", disk = (path = "/dev/shm/edgeserve-x/assets/f \\"quoted\\"", writable = false, allowDotfiles = true)),',
    );
    expect(config).toContain('(name = "FILES", service = "files"),');
    const sockets = config.slice(config.indexOf("sockets = ["), config.indexOf("],", config.indexOf("sockets = [")));
    expect(sockets.match(/service = "([^"]+)"/g)).toEqual(['service = "edgeserve"', 'service = "edgeserve"']);
    expect(sockets).toContain('(name = "control", address = "127.0.0.1:0"');
  });

  it("passes every variable and the run's token as text bindings", () => {
    for (const line of [
      '(name = "HOME_PAGE", text = "é.html")',
      '(name = "GREET_PATH", text = "/hello")',
      '(name = "CONTROL_TOKEN", text = "t0k")',
    ])
      expect(config).toContain(line);
  });

  it("turns the dev-server flags off when not given, and binds no password", () => {
    for (const name of ["CORS", "EXTRA_HEADERS", "AUTH_REQUIRED"]) expect(config).not.toContain(`(name = "${name}"`);
    expect(config).not.toContain("EDGESERVE_AUTH");
  });

  it("binds --auth's password as text, like a variable (the file is written 0600)", () => {
    const secrets = createWorkerSecrets({ auth: 'billy:pa"ss' });
    const withAuth = renderWorkerdConfig({
      workerFile: "w.js",
      manifestFile: "m.js",
      compatibilityDate: "2026-04-01",
      linkFolder: "/l",
      variables: {
        ...createWorkerVariables({ ...PLAIN_VARIABLES_INPUT, auth: 'billy:pa"ss' }),
        CONTROL_TOKEN: "t",
      },
      secrets,
      tls: null,
    });
    expect(withAuth).toContain('(name = "EDGESERVE_AUTH", text = "billy:pa\\"ss")');
    expect(withAuth).toContain('(name = "AUTH_REQUIRED", text = "1")');
  });
});

describe("quote", () => {
  it.each([
    ["plain", '"plain"'],
    ['a "b" c', '"a \\"b\\" c"'],
    ["back\\slash", '"back\\\\slash"'],
    ["new\nline\u0000", '"new\\x0aline\\x00"'],
    ["café", '"café"'],
  ])("quotes %j as %s", (text, expected) => {
    expect(quote(text)).toBe(expected);
  });
});

describe("formatSocketAddress", () => {
  it.each([
    ["127.0.0.1", 8000, "127.0.0.1:8000"],
    ["0.0.0.0", 0, "0.0.0.0:0"],
    ["::", 8000, "[::]:8000"],
    ["::1", 80, "[::1]:80"],
  ])("%s port %i → %s", (host, port, expected) => {
    expect(formatSocketAddress(host, port)).toBe(expected);
  });
});

describe("renderWorkerdConfig with --tls and --reload", () => {
  const variablesInput = PLAIN_VARIABLES_INPUT;
  const input: WorkerdConfigInput = {
    workerFile: "worker.js",
    manifestFile: "manifest.js",
    compatibilityDate: "2026-04-01",
    linkFolder: "/tmp/links",
    variables: { ...createWorkerVariables(variablesInput), CONTROL_TOKEN: "t" },
    tls: null,
  };

  it("serves plain HTTP on the user's socket without --tls", () => {
    expect(renderWorkerdConfig(input)).toContain('(name = "http", http = (), service = "edgeserve"),');
    expect(renderWorkerdConfig(input)).not.toContain("https");
  });

  it("serves HTTPS on the user's socket with the keypair inline, the control socket staying HTTP", () => {
    const rendered = renderWorkerdConfig({ ...input, tls: { privateKey: "-----KEY-----\nabc\n", certificate: "-----CERT-----\n" } });
    expect(rendered).toContain(
      '(name = "http", https = (options = (), tlsOptions = (keypair = (privateKey = "-----KEY-----\\x0aabc\\x0a", certificateChain = "-----CERT-----\\x0a"))), service = "edgeserve"),',
    );
    expect(rendered).toContain('(name = "control", address = "127.0.0.1:0", http = (), service = "edgeserve"),');
  });

  it("binds RELOAD only with --reload", () => {
    expect(renderWorkerdConfig(input)).not.toContain("RELOAD");
    const variables = { ...createWorkerVariables({ ...variablesInput, isReloadOn: true }), CONTROL_TOKEN: "t" };
    expect(renderWorkerdConfig({ ...input, variables })).toContain('(name = "RELOAD", text = "on"),');
  });
});
