import { describe, expect, it } from "vitest";
import { bearerToken, generateApiKey, hashApiKey, hashesEqual, TENANT_KEY_PREFIX } from "./api-key";

describe("tenant API keys", () => {
  it("carries 256 random bits behind a recognisable prefix", () => {
    const { key, prefix, hash } = generateApiKey();
    expect(key.startsWith(TENANT_KEY_PREFIX)).toBe(true);
    expect(Buffer.from(key.slice(TENANT_KEY_PREFIX.length), "base64url")).toHaveLength(32);
    expect(key.startsWith(prefix)).toBe(true);
    expect(prefix.length).toBe(TENANT_KEY_PREFIX.length + 8);
    expect(hash).toBe(hashApiKey(key));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("never issues the same key twice", () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateApiKey().key));
    expect(keys.size).toBe(1000);
  });

  it("compares hashes by value", () => {
    const h = hashApiKey("a");
    expect(hashesEqual(h, hashApiKey("a"))).toBe(true);
    expect(hashesEqual(h, hashApiKey("b"))).toBe(false);
    expect(hashesEqual(h, "")).toBe(false);
  });

  it("reads bearer tokens strictly", () => {
    expect(bearerToken("Bearer sk-gw-abc")).toBe("sk-gw-abc");
    expect(bearerToken("bearer   sk-gw-abc ")).toBe("sk-gw-abc");
    expect(bearerToken("Basic abc")).toBeUndefined();
    expect(bearerToken("Bearer a b")).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
