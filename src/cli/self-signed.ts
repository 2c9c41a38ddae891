import { generateKeyPairSync, randomBytes } from "node:crypto";
import forge from "node-forge";

/**
 * A self-signed certificate for the names a browser on this machine or the LAN may use. The key
 * is made by Node's own crypto (native, ~0.3 s for RSA 2048); node-forge only assembles and signs
 * the X.509 structure, which Node cannot (README, Architecture).
 */

export interface CertificateNames {
  dnsNames: string[];
  ipAddresses: string[];
}

export interface Keypair {
  privateKey: string;
  certificate: string;
}

/** Browsers refuse a leaf certificate valid for more than 398 days (CA/Browser Forum). */
export const VALIDITY_DAYS = 397;

export function createSelfSigned(names: CertificateNames, now = new Date()): Keypair {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKey);
  // RFC 5280 §4.1.2.2: a positive serial of at most 20 octets; the leading 0 keeps it positive.
  certificate.serialNumber = `0${randomBytes(15).toString("hex")}`;
  certificate.validity.notBefore = new Date(now.getTime() - 60_000);
  certificate.validity.notAfter = new Date(now.getTime() + VALIDITY_DAYS * 86_400_000);
  const subject = [{ name: "commonName", value: "edgeserve local development" }];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
    { name: "extKeyUsage", serverAuth: true },
    {
      name: "subjectAltName",
      altNames: [...names.dnsNames.map((value) => ({ type: 2, value })), ...names.ipAddresses.map((ip) => ({ type: 7, ip }))],
    },
  ]);
  certificate.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
  return { privateKey, certificate: forge.pki.certificateToPem(certificate) };
}
