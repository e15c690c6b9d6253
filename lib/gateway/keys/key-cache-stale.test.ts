import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/errors";
import { hashApiKey } from "./api-key";
import { KEY_CHECK_WAIT_MS, KeyCache } from "./key-cache";
import type { TenantKey } from "./tenant-key";
import { tenantKey as knownKey } from "./test-tenant-key";

/** A known key on a plan without its own overage price. */
const tenantKey = (raw: string, over: Partial<TenantKey> = {}) =>
  knownKey(raw, { plan: { id: "p", name: "default", overagePricePer1MMicros: null }, ...over });

// Stale while checking: a known key whose entry expired is served from that entry when
// Postgres gives no answer within 250 ms, while one check per key keeps running behind it.
// Timers are fake here: the cache's own clock is the `now` each call is given.

/** A loader whose answers the test gives by hand: each call waits until answered. */
function handLoader() {
  const pending: { resolve: (k: TenantKey | null) => void; reject: (e: Error) => void }[] = [];
  return {
    pending,
    load: (_hash: string) =>
      new Promise<TenantKey | null>((resolve, reject) => pending.push({ resolve, reject })),
  };
}

/** Tracks whether a promise has settled yet, without waiting for it. */
function track<T>(p: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  p.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

const TTL = 1_000;

/** A cache holding key "a", loaded at 0 and expired from TTL on. */
async function cacheWithExpiredKey() {
  const db = handLoader();
  const cache = new KeyCache(db.load, TTL);
  const first = cache.authenticate("a", 0);
  db.pending[0]!.resolve(tenantKey("a"));
  await first;
  return { db, cache };
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe("KeyCache, stale while checking", () => {
  it("serves a known expired key from its entry once Postgres has not answered for 250 ms, with one check for all requests", async () => {
    const { db, cache } = await cacheWithExpiredKey();
    const requests = Array.from({ length: 20 }, (_, i) =>
      track(cache.authenticate("a", 5_000 + i)),
    );
    await vi.advanceTimersByTimeAsync(KEY_CHECK_WAIT_MS - 50);
    // Still within the budget: waiting for Postgres's answer.
    expect(requests.some((r) => r.settled)).toBe(false);
    await vi.advanceTimersByTimeAsync(50);
    for (const r of requests) expect(r.value?.tenantId).toBe("t1");
    // One check for the first request; the other 19 joined it.
    expect(db.pending).toHaveLength(2);
  });

  it("lets a revocation win as soon as the check behind a stale answer returns", async () => {
    const { db, cache } = await cacheWithExpiredKey();
    const served = track(cache.authenticate("a", 5_000));
    await vi.advanceTimersByTimeAsync(KEY_CHECK_WAIT_MS);
    expect(served.value?.tenantId).toBe("t1");
    // Postgres answers later: the key was revoked meanwhile.
    db.pending[1]!.resolve(tenantKey("a", { revoked: true }));
    await vi.advanceTimersByTimeAsync(0);
    const next = track(cache.authenticate("a", 5_500));
    await vi.advanceTimersByTimeAsync(0);
    expect(next.error).toBeInstanceOf(ApiError);
    expect((next.error as ApiError).code).toBe("invalid_api_key");
    expect(db.pending).toHaveLength(2);
  });

  it("uses the check's answer when Postgres answers within 250 ms", async () => {
    const { db, cache } = await cacheWithExpiredKey();
    const request = track(cache.authenticate("a", 5_000));
    await vi.advanceTimersByTimeAsync(100);
    db.pending[1]!.resolve(tenantKey("a", { revoked: true }));
    await vi.advanceTimersByTimeAsync(0);
    expect((request.error as ApiError).code).toBe("invalid_api_key");
  });

  it("serves at once a request that joins a check already past its 250 ms", async () => {
    const { db, cache } = await cacheWithExpiredKey();
    const first = track(cache.authenticate("a", 5_000));
    await vi.advanceTimersByTimeAsync(KEY_CHECK_WAIT_MS);
    expect(first.settled).toBe(true);
    // No timer moves from here: a request that waited on one would never settle.
    const later = track(cache.authenticate("a", 5_000 + KEY_CHECK_WAIT_MS + 10));
    await vi.advanceTimersByTimeAsync(0);
    expect(later.value?.tenantId).toBe("t1");
    expect(db.pending).toHaveLength(2);
  });

  it("serves stale at once, with no wait, once a check has failed (Postgres known to be away)", async () => {
    const { db, cache } = await cacheWithExpiredKey();
    const first = track(cache.authenticate("a", 5_000));
    db.pending[1]!.reject(new Error("connect ECONNREFUSED"));
    await vi.advanceTimersByTimeAsync(0);
    expect(first.value?.tenantId).toBe("t1");
    const next = track(cache.authenticate("a", 6_000));
    await vi.advanceTimersByTimeAsync(0);
    expect(next.value?.tenantId).toBe("t1");
    // Its check still went out, behind the answer.
    expect(db.pending).toHaveLength(3);
  });

  it("does not let a check that raced an eviction answer for the key, or be joined", async () => {
    const { db, cache } = await cacheWithExpiredKey();
    const served = track(cache.authenticate("a", 5_000));
    await vi.advanceTimersByTimeAsync(KEY_CHECK_WAIT_MS);
    expect(served.value?.tenantId).toBe("t1");
    // Revoked elsewhere (NOTIFY): the entry goes, and the next request loads afresh.
    cache.evictKey(hashApiKey("a"));
    const next = track(cache.authenticate("a", 5_400));
    await vi.advanceTimersByTimeAsync(0);
    expect(db.pending).toHaveLength(3);
    db.pending[1]!.resolve(tenantKey("a"));
    db.pending[2]!.resolve(tenantKey("a", { revoked: true }));
    await vi.advanceTimersByTimeAsync(0);
    expect((next.error as ApiError).code).toBe("invalid_api_key");
    // The older check's answer ("not revoked") was not cached.
    const after = track(cache.authenticate("a", 5_500));
    await vi.advanceTimersByTimeAsync(0);
    expect((after.error as ApiError).code).toBe("invalid_api_key");
  });

  it("still fails a never-seen key closed when its check fails", async () => {
    const db = handLoader();
    const cache = new KeyCache(db.load, TTL);
    const request = track(cache.authenticate("b", 0));
    await vi.advanceTimersByTimeAsync(KEY_CHECK_WAIT_MS * 4);
    // No stale entry to serve: it waits for Postgres.
    expect(request.settled).toBe(false);
    db.pending[0]!.reject(new Error("statement timeout"));
    await vi.advanceTimersByTimeAsync(0);
    expect((request.error as ApiError).code).toBe("service_unavailable");
  });
});
