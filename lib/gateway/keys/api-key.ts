import { randomBytes, timingSafeEqual } from "node:crypto";
import { sha256Hex } from "@/lib/crypto/sha256";

/** Recognisable in logs, secret scanners and support tickets. */
export const TENANT_KEY_PREFIX = "sk-gw-";
/** How much of a key is kept and shown: the prefix plus 8 characters. */
const VISIBLE_CHARS = TENANT_KEY_PREFIX.length + 8;

export interface IssuedKey {
  key: string;
  prefix: string;
  hash: string;
}

/**
 * A new tenant key: 256 random bits, base64url, after `sk-gw-`. Returns the plaintext
 * (shown once), its visible prefix and its SHA-256 hex, which is all that is ever stored.
 */
export function generateApiKey(): IssuedKey {
  const key = TENANT_KEY_PREFIX + randomBytes(32).toString("base64url");
  return { key, prefix: key.slice(0, VISIBLE_CHARS), hash: hashApiKey(key) };
}

/** The SHA-256 hex of a key, as stored and as the key cache looks it up (64 characters). */
export function hashApiKey(key: string): string {
  return sha256Hex(key);
}

/** Constant-time comparison of two hex digests of equal length. */
export function hashesEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, "hex");
  const bb = Buffer.from(b, "hex");
  return ab.length === bb.length && ab.length > 0 && timingSafeEqual(ab, bb);
}

/** Extracts the token from `Authorization: Bearer <token>`; undefined when absent or malformed. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
