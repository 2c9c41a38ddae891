import { createPrivateKey, X509Certificate } from "node:crypto";
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TlsChoice } from "./args.js";
import { type CertificateNames, createSelfSigned, type Keypair } from "./self-signed.js";
import { UserError } from "./user-error.js";

/**
 * The certificate `--tls` serves: the user's own (--tls-cert/--tls-key), or a self-signed one kept
 * in the user's cache folder and made again when it no longer fits this machine or runs out.
 */

export interface ServedCertificate extends Keypair {
  /** SHA-256 of the DER certificate, colon-separated hex (as browsers and openssl show it). */
  fingerprint: string;
  /** Where a self-signed certificate is kept, for `curl --cacert`; null for the user's own. */
  cachedAt: string | null;
}

/** A certificate that would expire within this many days is made again rather than reused. */
const RENEW_BEFORE_DAYS = 30;

/** $XDG_CACHE_HOME/edgeserve, ~/.cache/edgeserve, or ~/Library/Caches/edgeserve on macOS. */
export function cacheFolderOf(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg !== undefined && path.isAbsolute(xdg)) return path.join(xdg, "edgeserve");
  if (platform === "darwin") return path.join(home, "Library", "Caches", "edgeserve");
  return path.join(home, ".cache", "edgeserve");
}

/** localhost, the loopback addresses, this machine's name and every outside address it has now. */
export function namesOfThisMachine(interfaces: ReturnType<typeof os.networkInterfaces>, hostname: string): CertificateNames {
  const ipAddresses = new Set(["127.0.0.1", "::1"]);
  for (const items of Object.values(interfaces)) {
    for (const item of items ?? []) {
      // A link-local IPv6 address needs its zone in a URL, which no browser opens: not worth a name.
      if (!item.internal && !/^fe[89ab]/i.test(item.address)) ipAddresses.add(item.address);
    }
  }
  const dnsNames = new Set(["localhost"]);
  if (/^[a-z0-9.-]+$/i.test(hostname)) dnsNames.add(hostname.toLowerCase());
  return { dnsNames: [...dnsNames].sort(), ipAddresses: [...ipAddresses].sort() };
}

export type CertificateVerdict = "reuse" | "expiring" | "names-changed";

/** Whether a kept certificate still serves: every wanted name covered, and not near its end. */
export function judgeCertificate(kept: { subjectAltName: string; validTo: Date }, wanted: CertificateNames, now: Date): CertificateVerdict {
  if (kept.validTo.getTime() - now.getTime() < RENEW_BEFORE_DAYS * 86_400_000) return "expiring";
  const covered = new Set(parseAltNames(kept.subjectAltName));
  const needed = [...wanted.dnsNames.map((name) => `dns:${name}`), ...wanted.ipAddresses.map((ip) => `ip:${normaliseIp(ip)}`)];
  return needed.every((name) => covered.has(name)) ? "reuse" : "names-changed";
}

/** Node's "DNS:localhost, IP Address:0:0:0:0:0:0:0:1" to ["dns:localhost", "ip:::1"]. */
export function parseAltNames(subjectAltName: string): string[] {
  return subjectAltName.split(", ").flatMap((item) => {
    if (item.startsWith("DNS:")) return [`dns:${item.slice(4).toLowerCase()}`];
    if (item.startsWith("IP Address:")) return [`ip:${normaliseIp(item.slice(11))}`];
    return [];
  });
}

function normaliseIp(ip: string): string {
  if (!ip.includes(":")) return ip;
  return new URL(`http://[${ip}]/`).hostname.slice(1, -1);
}

export async function loadCertificate(
  choice: Exclude<TlsChoice, { kind: "off" }>,
  folder = cacheFolderOf(process.env, process.platform, os.homedir()),
): Promise<ServedCertificate> {
  if (choice.kind === "files") return readGivenCertificate(choice.certificateFile, choice.keyFile);
  const wanted = namesOfThisMachine(os.networkInterfaces(), os.hostname());
  const certificateFile = path.join(folder, "localhost-cert.pem");
  const keyFile = path.join(folder, "localhost-key.pem");
  const kept = await readKeypair(certificateFile, keyFile).catch(() => null);
  const parsed = kept === null ? null : new X509Certificate(kept.certificate);
  if (
    kept !== null &&
    parsed !== null &&
    judgeCertificate({ subjectAltName: parsed.subjectAltName ?? "", validTo: new Date(parsed.validTo) }, wanted, new Date()) === "reuse"
  ) {
    return { ...kept, fingerprint: parsed.fingerprint256, cachedAt: certificateFile };
  }
  const made = createSelfSigned(wanted);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  await writePrivately(keyFile, made.privateKey);
  await writePrivately(certificateFile, made.certificate);
  return { ...made, fingerprint: new X509Certificate(made.certificate).fingerprint256, cachedAt: certificateFile };
}

async function readKeypair(certificateFile: string, keyFile: string): Promise<Keypair> {
  const [certificate, privateKey] = await Promise.all([readFile(certificateFile, "utf8"), readFile(keyFile, "utf8")]);
  if (!new X509Certificate(certificate).checkPrivateKey(createPrivateKey(privateKey))) throw new Error("key and certificate differ");
  return { certificate, privateKey };
}

async function readGivenCertificate(certificateFile: string, keyFile: string): Promise<ServedCertificate> {
  const read = (file: string, what: string) =>
    readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new UserError(`cannot read the TLS ${what} ${file} (${error.code ?? error.message})`);
    });
  const [certificate, privateKey] = await Promise.all([read(certificateFile, "certificate"), read(keyFile, "key")]);
  let parsed: X509Certificate;
  try {
    parsed = new X509Certificate(certificate);
    if (!parsed.checkPrivateKey(createPrivateKey(privateKey))) throw new Error("mismatch");
  } catch {
    throw new UserError(`${certificateFile} and ${keyFile} are not a PEM certificate and its private key`);
  }
  return { certificate, privateKey, fingerprint: parsed.fingerprint256, cachedAt: null };
}

/** Written under a temporary name with mode 0600, then renamed: never readable by others, never half. */
async function writePrivately(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}
