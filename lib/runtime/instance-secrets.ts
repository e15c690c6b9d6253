import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SecretBox } from "@/lib/crypto/secret-box";

export interface InstanceSecrets {
  authSecret: string;
  encryptionKey: string;
}

/**
 * AUTH_SECRET and GATEWAY_ENCRYPTION_KEY: taken from the environment when set,
 * otherwise generated once and kept (mode 0600) under the data directory, so a restart
 * can still read the provider keys it encrypted.
 */
export function loadInstanceSecrets(
  dataDir: string,
  env: { AUTH_SECRET?: string; GATEWAY_ENCRYPTION_KEY?: string },
): InstanceSecrets {
  const file = path.join(dataDir, "secrets.json");
  let stored: Partial<InstanceSecrets> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, "utf8")) as Partial<InstanceSecrets>;
  const secrets: InstanceSecrets = {
    authSecret: env.AUTH_SECRET ?? stored.authSecret ?? randomBytes(32).toString("base64url"),
    encryptionKey: env.GATEWAY_ENCRYPTION_KEY ?? stored.encryptionKey ?? SecretBox.generateKey(),
  };
  const toStore = {
    authSecret: env.AUTH_SECRET ? stored.authSecret : secrets.authSecret,
    encryptionKey: env.GATEWAY_ENCRYPTION_KEY ? stored.encryptionKey : secrets.encryptionKey,
  };
  if (toStore.authSecret !== stored.authSecret || toStore.encryptionKey !== stored.encryptionKey) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(toStore, null, 2), { mode: 0o600 });
  }
  return secrets;
}
