import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/errors";
import { hashApiKey } from "./api-key";
import { KeyCache } from "./key-cache";
import type { TenantKey } from "./tenant-key";
import { tenantKey } from "./test-tenant-key";

function loaderOf(keys: Record<string, TenantKey>) {
  const calls: string[] = [];
  const byHash = new Map(Object.entries(keys).map(([raw, k]) => [hashApiKey(raw), k]));
  return { calls, load: async (hash: string) => (calls.push(hash), byHash.get(hash) ?? null) };
}

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    return err instanceof ApiError ? err.code : "not-an-api-error";
  }
}

describe("KeyCache", () => {
  it("authenticates a known key and serves repeats from memory", async () => {
    const { calls, load } = loaderOf({ "sk-gw-good": tenantKey("sk-gw-good") });
    const cache = new KeyCache(load);
    expect((await cache.authenticate("sk-gw-good", 0)).tenantId).toBe("t1");
    await cache.authenticate("sk-gw-good", 1000);
    expect(calls).toHaveLength(1);
  });

  it("rejects missing, unknown, revoked, expired keys and suspended tenants with invalid_api_key", async () => {
    const { load } = loaderOf({
      revoked: tenantKey("revoked", { revoked: true }),
      expired: tenantKey("expired", { expiresAt: 500 }),
      suspended: tenantKey("suspended", { tenantActive: false }),
    });
    const cache = new KeyCache(load);
    for (const raw of [undefined, "unknown", "revoked", "expired", "suspended"]) {
      expect(await codeOf(cache.authenticate(raw, 1000))).toBe("invalid_api_key");
    }
  });

  it("answers a suspended tenant's key with 403 tenant_suspended", async () => {
    const { load } = loaderOf({
      paused: tenantKey("paused", { tenantActive: false, tenantSuspended: true }),
    });
    expect(await codeOf(new KeyCache(load).authenticate("paused", 1000))).toBe("tenant_suspended");
  });

  it("loads a key once for concurrent first requests", async () => {
    const { calls, load } = loaderOf({ a: tenantKey("a") });
    const cache = new KeyCache(load);
    await Promise.all(Array.from({ length: 20 }, () => cache.authenticate("a", 0)));
    expect(calls).toHaveLength(1);
  });

  it("forgets an evicted key so a revoke takes effect at once", async () => {
    const keys = { a: tenantKey("a") };
    const { calls, load } = loaderOf(keys);
    const cache = new KeyCache(load);
    await cache.authenticate("a", 0);
    keys.a.revoked = true;
    cache.evictKey(hashApiKey("a"));
    expect(await codeOf(cache.authenticate("a", 10))).toBe("invalid_api_key");
    expect(calls).toHaveLength(2);
  });

  it("reloads after the TTL and remembers unknown keys only briefly", async () => {
    const { calls, load } = loaderOf({ a: tenantKey("a") });
    const cache = new KeyCache(load, 60_000, 5_000);
    await cache.authenticate("a", 0);
    await cache.authenticate("a", 60_001);
    expect(calls).toHaveLength(2);
    await codeOf(cache.authenticate("nope", 0));
    await codeOf(cache.authenticate("nope", 4_000));
    expect(calls).toHaveLength(3);
    await codeOf(cache.authenticate("nope", 5_001));
    expect(calls).toHaveLength(4);
  });
});

describe("KeyCache while Postgres is away", () => {
  function flakyLoader(keys: Record<string, TenantKey>) {
    const inner = loaderOf(keys);
    let down = false;
    return {
      ...inner,
      setDown: (d: boolean) => (down = d),
      load: async (hash: string) =>
        down ? Promise.reject(new Error("connect ECONNREFUSED")) : inner.load(hash),
    };
  }

  it("serves a known key past its lifetime, fails never-seen keys closed with 503 and Retry-After", async () => {
    const db = flakyLoader({ a: tenantKey("a"), b: tenantKey("b") });
    const cache = new KeyCache(db.load, 1_000);
    await cache.authenticate("a", 0);
    db.setDown(true);
    expect((await cache.authenticate("a", 5_000)).tenantId).toBe("t1");
    expect((await cache.authenticate("a", 500_000)).tenantId).toBe("t1");
    const err = await cache.authenticate("b", 5_000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 503,
      code: "service_unavailable",
      headers: { "retry-after": "2" },
    });
  });

  it("lets a revocation win as soon as Postgres answers again", async () => {
    const keys = { a: tenantKey("a") };
    const db = flakyLoader(keys);
    const cache = new KeyCache(db.load, 1_000);
    await cache.authenticate("a", 0);
    db.setDown(true);
    await cache.authenticate("a", 2_000);
    keys.a.revoked = true;
    db.setDown(false);
    // The first request after recovery may be the one that refreshes; the next sees the revoke.
    await codeOf(cache.authenticate("a", 3_000));
    expect(await codeOf(cache.authenticate("a", 3_001))).toBe("invalid_api_key");
  });

  it("keeps entries as the stale answer when told to reload them all", async () => {
    const db = flakyLoader({ a: tenantKey("a") });
    const cache = new KeyCache(db.load);
    await cache.authenticate("a", 0);
    cache.expireAll();
    db.setDown(true);
    expect((await cache.authenticate("a", 10)).tenantId).toBe("t1");
  });
});
