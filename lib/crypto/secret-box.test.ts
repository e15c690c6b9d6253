import { describe, expect, it } from "vitest";
import { SecretBox } from "./secret-box";

describe("SecretBox", () => {
  it("round-trips and never stores the plaintext", () => {
    const box = new SecretBox(SecretBox.generateKey());
    const sealed = box.seal("sk-live-secret");
    expect(sealed).not.toContain("sk-live-secret");
    expect(box.open(sealed)).toBe("sk-live-secret");
    expect(box.seal("sk-live-secret")).not.toBe(sealed);
  });

  it("refuses a wrong key or a tampered value", () => {
    const sealed = new SecretBox(SecretBox.generateKey()).seal("x");
    expect(() => new SecretBox(SecretBox.generateKey()).open(sealed)).toThrow();
    const box = new SecretBox(SecretBox.generateKey());
    const [iv, tag, ct] = box.seal("hello").split(".");
    const flipped = Buffer.from(ct!, "base64");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open([iv, tag, flipped.toString("base64")].join("."))).toThrow();
  });

  it("insists on a 32-byte key", () => {
    expect(() => new SecretBox(Buffer.alloc(16).toString("base64"))).toThrow(/32 bytes/);
  });
});
