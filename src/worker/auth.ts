/**
 * `--auth USER:PASS`: HTTP Basic (RFC 7617) in front of every answer. Whether it is on is a plain
 * variable (AUTH_REQUIRED) and the credential a secret (EDGESERVE_AUTH): a deployed version
 * inherits the secrets of the one before it (wrangler's versions upload keeps them), so the secret
 * alone must not decide, and a version that asks for a password but has none lets nobody in.
 */

export const AUTH_CHALLENGE = 'Basic realm="edgeserve", charset="UTF-8"';

export type AuthConfig = { kind: "off" } | { kind: "basic"; credential: string | null };

export function readAuth(required: string | undefined, secret: string | undefined): AuthConfig {
  if (required !== "1") return { kind: "off" };
  return { kind: "basic", credential: secret?.includes(":") ? secret : null };
}

/**
 * True when the request may pass. Both sides are hashed with SHA-256 and compared with the
 * runtime's constant-time compare, so neither the length nor the first differing byte of the
 * password shows in the timing.
 */
export async function isAuthorized(authorization: string | null, auth: AuthConfig): Promise<boolean> {
  if (auth.kind === "off") return true;
  const given = decodeBasicCredentials(authorization);
  if (auth.credential === null || given === null) return false;
  const [expectedHash, givenHash] = await Promise.all([sha256(new TextEncoder().encode(auth.credential)), sha256(given)]);
  return crypto.subtle.timingSafeEqual(expectedHash, givenHash);
}

/** "Basic dXNlcjpwYXNz" (scheme in any case, RFC 9110 §11.1) to the bytes of "user:pass"; null for anything else. */
export function decodeBasicCredentials(authorization: string | null): Uint8Array | null {
  const match = /^basic[ ]+([A-Za-z0-9+/]+=*)[ ]*$/i.exec(authorization ?? "");
  if (!match?.[1]) return null;
  let binary: string;
  try {
    binary = atob(match[1]);
  } catch {
    return null;
  }
  return Uint8Array.from(binary, (character) => character.charCodeAt(0));
}

async function sha256(bytes: Uint8Array): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", bytes);
}
