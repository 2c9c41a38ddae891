import { X509Certificate } from "node:crypto";
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createSelfSigned } from "../../src/cli/self-signed.js";
import { makeFolder, type RunningCli, spawnCli, startCli } from "../helpers/cli.js";

interface Answer {
  status: number;
  body: string;
  fingerprint: string;
}

/** One GET over TLS, trusting only `ca`, with the certificate the server showed. */
function getOverTls(url: string, ca: string, servername?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = https.get(url, { ca, servername, agent: false }, (response) => {
      const fingerprint = (response.socket as import("node:tls").TLSSocket).getPeerCertificate().fingerprint256;
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body, fingerprint }));
    });
    request.on("error", reject);
  });
}

const running: RunningCli[] = [];
afterAll(async () => {
  await Promise.all(running.map((server) => server.stop()));
});

describe("--tls", () => {
  it("serves HTTPS on the port with a certificate kept in the cache folder, whose fingerprint it printed", async () => {
    const folder = await makeFolder({ "index.html": "<h1>secure</h1>" });
    const cache = await mkdtemp(path.join(os.tmpdir(), "edgeserve-cache-"));
    const server = await startCli([folder, "--port", "0", "--tls"], { env: { XDG_CACHE_HOME: cache } });
    running.push(server);
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    const printed = /certificate SHA-256 ([0-9A-F:]{95})/.exec(server.output().stdout)?.[1];
    const certificateFile = path.join(cache, "edgeserve", "localhost-cert.pem");
    expect(server.output().stdout).toContain(`self-signed, kept in ${certificateFile}`);
    const ca = await import("node:fs/promises").then(({ readFile }) => readFile(certificateFile, "utf8"));
    expect(new X509Certificate(ca).fingerprint256).toBe(printed);
    const answer = await getOverTls(server.url, ca);
    expect(answer).toEqual({ status: 200, body: "<h1>secure</h1>", fingerprint: printed });
    // The name a browser on this machine uses is in the certificate too.
    expect((await getOverTls(server.url.replace("127.0.0.1", "localhost"), ca)).status).toBe(200);
    expect(await readdir(folder)).toEqual(["index.html"]);
  });

  it("refuses a plain HTTP request on the TLS port", async () => {
    const folder = await makeFolder({ "a.txt": "a" });
    const server = await startCli([folder, "--port", "0", "--tls"], {
      env: { XDG_CACHE_HOME: await mkdtemp(path.join(os.tmpdir(), "edgeserve-cache-")) },
    });
    running.push(server);
    await expect(fetch(server.url.replace("https:", "http:"))).rejects.toThrow();
  });
});

describe("--tls-cert and --tls-key", () => {
  it("serves the given certificate", async () => {
    const keys = await mkdtemp(path.join(os.tmpdir(), "edgeserve-keys-"));
    const made = createSelfSigned({ dnsNames: ["example.test"], ipAddresses: ["127.0.0.1"] });
    await writeFile(path.join(keys, "cert.pem"), made.certificate);
    await writeFile(path.join(keys, "key.pem"), made.privateKey, { mode: 0o600 });
    const folder = await makeFolder({ "a.txt": "given" });
    const server = await startCli([
      folder,
      "--port",
      "0",
      "--tls-cert",
      path.join(keys, "cert.pem"),
      "--tls-key",
      path.join(keys, "key.pem"),
    ]);
    running.push(server);
    const fingerprint = new X509Certificate(made.certificate).fingerprint256;
    expect(server.output().stdout).toContain(`certificate SHA-256 ${fingerprint}`);
    expect(server.output().stdout).not.toContain("self-signed, kept in");
    expect(await getOverTls(`${server.url}a.txt`, made.certificate, "example.test")).toEqual({ status: 200, body: "given", fingerprint });
  });

  it.each<[string[], number, RegExp]>([
    [
      ["--tls-cert", "/nonexistent/cert.pem"],
      2,
      /^edgeserve: --tls-cert needs --tls-key with the certificate's private key\. See edgeserve --help\n$/,
    ],
    [
      ["--tls-cert", "/nonexistent/cert.pem", "--tls-key", "/nonexistent/key.pem"],
      1,
      /^edgeserve: cannot read the TLS (certificate|key) \/nonexistent\/(cert|key)\.pem \(ENOENT\)\n$/,
    ],
  ])("refuses %j with exit code %i and one sentence", async (args, code, message) => {
    const folder = await makeFolder({ "a.txt": "a" });
    const child = spawnCli([folder, "--port", "0", ...args], { direct: true });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exitCode = await new Promise((resolve) => child.once("exit", resolve));
    expect({ exitCode, stderr }).toMatchObject({ exitCode: code });
    expect(stderr).toMatch(message);
  });
});

describe("without --tls", () => {
  it("serves plain HTTP and prints no certificate", async () => {
    const server = await startCli([await makeFolder({ "a.txt": "plain" }), "--port", "0"]);
    running.push(server);
    expect(server.url).toMatch(/^http:\/\//);
    expect(server.output().stdout).not.toContain("TLS");
    expect(await (await fetch(`${server.url}a.txt`)).text()).toBe("plain");
  });
});
