import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * AES-256-GCM for provider keys at rest. Sealed form: base64(iv).base64(tag).base64(ciphertext);
 * a wrong key or a tampered value fails loudly instead of yielding garbage.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(base64Key: string) {
    const key = Buffer.from(base64Key, "base64");
    if (key.length !== 32)
      throw new Error("GATEWAY_ENCRYPTION_KEY must be 32 bytes, base64-encoded.");
    this.key = key;
  }

  static generateKey(): string {
    return randomBytes(32).toString("base64");
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString("base64")).join(".");
  }

  open(sealed: string): string {
    const [iv, tag, ciphertext] = sealed.split(".").map((p) => Buffer.from(p, "base64"));
    if (!iv || !tag || !ciphertext) throw new Error("Malformed sealed secret.");
    const decipher = createDecipheriv("aes-256-gcm", this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  }
}
