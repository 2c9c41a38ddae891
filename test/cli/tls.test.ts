import { X509Certificate } from "node:crypto";
import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createSelfSigned } from "../../src/cli/self-signed.js";
import { cacheFolderOf, judgeCertificate, loadCertificate, namesOfThisMachine, parseAltNames } from "../../src/cli/tls.js";
import { UserError } from "../../src/cli/user-error.js";

describe("cacheFolderOf", () => {
  it.each<[NodeJS.ProcessEnv, NodeJS.Platform, string]>([
    [{ XDG_CACHE_HOME: "/x/cache" }, "linux", "/x/cache/edgeserve"],
    [{ XDG_CACHE_HOME: "/x/cache" }, "darwin", "/x/cache/edgeserve"],
    [{}, "linux", "/home/u/.cache/edgeserve"],
    [{ XDG_CACHE_HOME: "" }, "linux", "/home/u/.cache/edgeserve"],
    [{ XDG_CACHE_HOME: "relative/cache" }, "linux", "/home/u/.cache/edgeserve"],
    [{}, "darwin", "/home/u/Library/Caches/edgeserve"],
  ])("with %j on %s is %s", (env, platform, folder) => {
    expect(cacheFolderOf(env, platform, "/home/u")).toBe(folder);
  });
});

describe("namesOfThisMachine", () => {
  const address = (value: string, family: "IPv4" | "IPv6", internal = false) =>
    ({ address: value, family, internal, netmask: "", mac: "", cidr: null }) as os.NetworkInterfaceInfo;

  it("names localhost, both loopbacks, the host name and the outside addresses, not link-local ones", () => {
    const names = namesOfThisMachine(
      {
        lo: [address("127.0.0.1", "IPv4", true), address("::1", "IPv6", true)],
        eth0: [address("192.168.1.20", "IPv4"), address("fe80::1", "IPv6"), address("2001:db8::5", "IPv6")],
      },
      "Laptop.local",
    );
    expect(names).toEqual({ dnsNames: ["laptop.local", "localhost"], ipAddresses: ["127.0.0.1", "192.168.1.20", "2001:db8::5", "::1"] });
  });

  it("leaves out a host name that is no DNS name", () => {
    expect(namesOfThisMachine({}, "my laptop").dnsNames).toEqual(["localhost"]);
  });
});

describe("judgeCertificate", () => {
  const wanted = { dnsNames: ["localhost"], ipAddresses: ["127.0.0.1", "::1", "192.168.1.20"] };
  const now = new Date("2026-06-01T00:00:00Z");
  const names = "DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, IP Address:192.168.1.20";
  it.each<[string, string, string]>([
    [names, "2027-01-01T00:00:00Z", "reuse"],
    [`${names}, IP Address:10.0.0.9`, "2027-01-01T00:00:00Z", "reuse"],
    [names, "2026-06-20T00:00:00Z", "expiring"],
    [names, "2026-05-01T00:00:00Z", "expiring"],
    ["DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1", "2027-01-01T00:00:00Z", "names-changed"],
    ["", "2027-01-01T00:00:00Z", "names-changed"],
  ])("keeps %j valid to %s: %s", (subjectAltName, validTo, verdict) => {
    expect(judgeCertificate({ subjectAltName, validTo: new Date(validTo) }, wanted, now)).toBe(verdict);
  });

  it("reads Node's alt-name text, IPv6 in its short form", () => {
    expect(parseAltNames("DNS:LocalHost, IP Address:0:0:0:0:0:0:0:1, email:a@b, IP Address:FD00:0:0:0:0:0:0:2")).toEqual([
      "dns:localhost",
      "ip:::1",
      "ip:fd00::2",
    ]);
  });
});

describe("loadCertificate", () => {
  it("makes a certificate for this machine once, keeps its key private, and reuses it", async () => {
    const folder = path.join(await mkdtemp(path.join(os.tmpdir(), "edgeserve-tls-")), "edgeserve");
    const first = await loadCertificate({ kind: "self-signed" }, folder);
    expect((await stat(path.join(folder, "localhost-key.pem"))).mode & 0o777).toBe(0o600);
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    const parsed = new X509Certificate(first.certificate);
    expect(parsed.subjectAltName).toContain("DNS:localhost");
    expect(parsed.fingerprint256).toBe(first.fingerprint);
    expect(first.cachedAt).toBe(path.join(folder, "localhost-cert.pem"));
    const second = await loadCertificate({ kind: "self-signed" }, folder);
    expect(second.fingerprint).toBe(first.fingerprint);
  });

  it("makes a new one when the kept one no longer names this machine", async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), "edgeserve-tls-"));
    const stale = createSelfSigned({ dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"] });
    await writeFile(path.join(folder, "localhost-cert.pem"), stale.certificate);
    await writeFile(path.join(folder, "localhost-key.pem"), stale.privateKey);
    const loaded = await loadCertificate({ kind: "self-signed" }, folder);
    expect(loaded.fingerprint).not.toBe(new X509Certificate(stale.certificate).fingerprint256);
    expect(await readFile(path.join(folder, "localhost-cert.pem"), "utf8")).toBe(loaded.certificate);
  });

  it("refuses an unreadable file or a key that is not the certificate's, in one sentence", async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), "edgeserve-tls-"));
    const one = createSelfSigned({ dnsNames: ["localhost"], ipAddresses: [] });
    const other = createSelfSigned({ dnsNames: ["localhost"], ipAddresses: [] });
    await writeFile(path.join(folder, "cert.pem"), one.certificate);
    await writeFile(path.join(folder, "key.pem"), other.privateKey);
    const files = (certificateFile: string, keyFile: string) =>
      loadCertificate({ kind: "files", certificateFile: path.join(folder, certificateFile), keyFile: path.join(folder, keyFile) });
    await expect(files("missing.pem", "key.pem")).rejects.toThrow(/^cannot read the TLS certificate .*missing\.pem \(ENOENT\)$/);
    await expect(files("cert.pem", "key.pem")).rejects.toThrow(UserError);
    await expect(files("cert.pem", "key.pem")).rejects.toThrow(/are not a PEM certificate and its private key$/);
  });
});
