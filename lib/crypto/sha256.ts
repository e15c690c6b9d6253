import { createHash } from "node:crypto";

/** SHA-256 as lower-case hex: key hashes, key fingerprints and migration checksums. */
export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
