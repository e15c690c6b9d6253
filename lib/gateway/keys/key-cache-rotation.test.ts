import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/errors";
import { hashApiKey } from "./api-key";
import { IssuedKeyFilter, type IssuedHash } from "./issued-key-filter";
import { KeyCache } from "./key-cache";
import type { TenantKey } from "./tenant-key";
import { tenantKey } from "./test-tenant-key";

/** A key store whose rows the test rewrites as a rotation would; `lookups` counts queries. */
function store() {
  const byHash = new Map<string, TenantKey>();
  const counts = { lookups: 0 };
  const load = async (hash: string) => (counts.lookups++, byHash.get(hash) ?? null);
  return { byHash, counts, load };
}

const outcome = (p: Promise<TenantKey>) =>
  p.then(
    (k) => `served ${k.keyId}`,
    (err: unknown) => (err instanceof ApiError ? err.code : "other"),
  );

/** A filter over a fixed list, caught up at once. */
async function filterOf(hashes: IssuedHash[]) {
  const filter = new IssuedKeyFilter({ loadAll: async () => hashes, caughtUp: async () => {} });
  await filter.reload();
  return filter;
}

describe("a rotated key in the cache", () => {
  it("serves the replaced secret until its grace ends and refuses it from that millisecond on", async () => {
    const { byHash, counts, load } = store();
    byHash.set(hashApiKey("sk-gw-old"), tenantKey("sk-gw-old", { keyId: "k" }));
    const cache = new KeyCache(load, 60_000);
    expect(await outcome(cache.authenticate("sk-gw-old", 0))).toBe("served k");

    // Rotated at 1,000 with a 2 s grace: the row now answers to the new secret too.
    byHash.set(hashApiKey("sk-gw-new"), tenantKey("sk-gw-new", { keyId: "k" }));
    cache.noteIssued(hashApiKey("sk-gw-new"));
    cache.endSecret(hashApiKey("sk-gw-old"), 3_000);

    expect(await outcome(cache.authenticate("sk-gw-old", 2_999))).toBe("served k");
    expect(await outcome(cache.authenticate("sk-gw-new", 2_999))).toBe("served k");
    expect(await outcome(cache.authenticate("sk-gw-old", 3_000))).toBe("invalid_api_key");
    expect(await outcome(cache.authenticate("sk-gw-new", 3_000))).toBe("served k");
    // The end is checked on the entry itself: no query was needed to stop the old secret.
    expect(counts.lookups).toBe(2);
  });

  it("says why the replaced secret is refused", async () => {
    const { byHash, load } = store();
    byHash.set(hashApiKey("sk-gw-old"), tenantKey("sk-gw-old", { secretEndsAt: 10 }));
    const err = await new KeyCache(load).authenticate("sk-gw-old", 10).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(401);
    expect((err as ApiError).message).toMatch(/replaced by a newer secret/);
  });

  it("only ever brings an end forward (a second rotation ends the older secret at once)", async () => {
    const { byHash, load } = store();
    byHash.set(hashApiKey("sk-gw-a"), tenantKey("sk-gw-a"));
    const cache = new KeyCache(load);
    await cache.authenticate("sk-gw-a", 0);
    cache.endSecret(hashApiKey("sk-gw-a"), 5_000);
    cache.endSecret(hashApiKey("sk-gw-a"), 9_000);
    expect(await outcome(cache.authenticate("sk-gw-a", 5_000))).toBe("invalid_api_key");
    cache.endSecret(hashApiKey("sk-gw-a"), 100);
    expect(await outcome(cache.authenticate("sk-gw-a", 200))).toBe("invalid_api_key");
  });

  it("does not cache a load that read the row before the rotation", async () => {
    const { byHash, load: plain } = store();
    byHash.set(hashApiKey("sk-gw-old"), tenantKey("sk-gw-old"));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // The first load reads the row, then stalls while the rotation commits.
    let first = true;
    const load = async (hash: string) => {
      const row = await plain(hash);
      if (first) {
        first = false;
        await gate;
      }
      return row;
    };
    const cache = new KeyCache(load);
    const pending = cache.authenticate("sk-gw-old", 0);
    byHash.set(hashApiKey("sk-gw-old"), tenantKey("sk-gw-old", { secretEndsAt: 1_000 }));
    cache.endSecret(hashApiKey("sk-gw-old"), 1_000);
    release();
    expect(await outcome(pending)).toBe("served k1");
    // The stale answer (no end) was not kept: the next request loads the rotated row.
    expect(await outcome(cache.authenticate("sk-gw-old", 1_000))).toBe("invalid_api_key");
  });

  it("refuses an ended secret without a lookup once the filter knows its end", async () => {
    const { byHash, counts, load } = store();
    const oldHash = hashApiKey("sk-gw-old");
    byHash.set(oldHash, tenantKey("sk-gw-old", { secretEndsAt: 2_000 }));
    const filter = await filterOf([{ hash: oldHash, endsAt: 2_000 }]);
    const cache = new KeyCache(load, 60_000, 5_000, 100_000, 250, filter);
    expect(await outcome(cache.authenticate("sk-gw-old", 2_000))).toBe("invalid_api_key");
    expect(counts.lookups).toBe(0);
    expect(filter.size).toBe(0);
  });

  it("reads every secret of a key again after an edit of it, and no other key", async () => {
    const { byHash, counts, load } = store();
    byHash.set(hashApiKey("sk-gw-new"), tenantKey("sk-gw-new", { keyId: "k" }));
    byHash.set(hashApiKey("sk-gw-old"), tenantKey("sk-gw-old", { keyId: "k", secretEndsAt: 1e9 }));
    byHash.set(hashApiKey("sk-gw-other"), tenantKey("sk-gw-other", { keyId: "other" }));
    const cache = new KeyCache(load);
    for (const raw of ["sk-gw-new", "sk-gw-old", "sk-gw-other"]) await cache.authenticate(raw, 0);
    expect(counts.lookups).toBe(3);

    // Narrowed to one model: both secrets answer with it on their next request.
    for (const raw of ["sk-gw-new", "sk-gw-old"]) {
      const hash = hashApiKey(raw);
      byHash.set(hash, { ...byHash.get(hash)!, allowedModels: ["deepseek/deepseek-chat"] });
    }
    cache.evictKeyId("k");
    expect((await cache.authenticate("sk-gw-new", 1)).allowedModels).toEqual([
      "deepseek/deepseek-chat",
    ]);
    expect((await cache.authenticate("sk-gw-old", 1)).allowedModels).toEqual([
      "deepseek/deepseek-chat",
    ]);
    await cache.authenticate("sk-gw-other", 1);
    expect(counts.lookups).toBe(5);
  });
});

describe("the issued-key filter and a rotation", () => {
  it("admits the new secret at once and drops the replaced one when its grace ends", async () => {
    const filter = await filterOf([{ hash: "h-old", endsAt: null }]);
    filter.add("h-new");
    filter.end("h-old", 2_000);
    expect(await filter.verdict("h-new", 1_999)).toBe("issued");
    expect(await filter.verdict("h-old", 1_999)).toBe("issued");
    expect(await filter.verdict("h-old", 2_000)).toBe("never_issued");
    expect(await filter.verdict("h-new", 2_000)).toBe("issued");
    expect(filter.size).toBe(1);
  });

  it("never pushes an end back, and a re-announced issue does not revive an ended secret", async () => {
    const filter = await filterOf([{ hash: "h", endsAt: 1_000 }]);
    filter.end("h", 5_000);
    filter.add("h");
    expect(await filter.verdict("h", 1_000)).toBe("never_issued");
  });

  it("keeps an end announced while the filter was loading an older snapshot", async () => {
    let release!: (hashes: IssuedHash[]) => void;
    const filter = new IssuedKeyFilter({
      loadAll: () => new Promise((resolve) => (release = resolve)),
      caughtUp: async () => {},
    });
    const loading = filter.reload();
    filter.add("h-new");
    filter.end("h-old", 500);
    release([{ hash: "h-old", endsAt: null }]);
    await loading;
    expect(await filter.verdict("h-new", 600)).toBe("issued");
    expect(await filter.verdict("h-old", 499)).toBe("issued");
    expect(await filter.verdict("h-old", 600)).toBe("never_issued");
  });
});
