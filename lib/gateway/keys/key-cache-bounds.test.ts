import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/errors";
import { hashApiKey } from "./api-key";
import { IssuedKeyFilter, type IssuedHash } from "./issued-key-filter";
import { KeyCache } from "./key-cache";
import { tenantKey as knownKey } from "./test-tenant-key";

/** One key per raw secret, each its own id. */
const tenantKey = (raw: string) => knownKey(raw, { keyId: raw });

/** A key store: `lookups` counts the loader's queries. */
function store(raws: string[]) {
  const byHash = new Map(raws.map((raw) => [hashApiKey(raw), tenantKey(raw)]));
  const counts = { lookups: 0 };
  const load = async (hash: string) => (counts.lookups++, byHash.get(hash) ?? null);
  return { byHash, counts, load };
}

const refused = (p: Promise<unknown>) =>
  p.then(
    () => "served",
    (err: unknown) => (err instanceof ApiError ? err.code : "other"),
  );

describe("KeyCache bounds", () => {
  it("never evicts a known key to make room for unknown ones", async () => {
    const { counts, load } = store(["sk-gw-known"]);
    const cache = new KeyCache(load, 60_000, 5_000, 100);
    await cache.authenticate("sk-gw-known", 0);
    for (let i = 0; i < 1_000; i++)
      expect(await refused(cache.authenticate(`sk-gw-made-up-${i}`, 1))).toBe("invalid_api_key");
    const before = counts.lookups;
    expect((await cache.authenticate("sk-gw-known", 2)).keyId).toBe("sk-gw-known");
    expect(counts.lookups).toBe(before);
  });

  it("refuses 10,000 distinct made-up keys with no lookup at all once the issued filter is loaded", async () => {
    const { byHash, counts, load } = store(["sk-gw-a", "sk-gw-b"]);
    const syncs = { count: 0 };
    const filter = new IssuedKeyFilter({
      loadAll: async () => [...byHash.keys()].map((hash) => ({ hash, endsAt: null })),
      caughtUp: async () => void syncs.count++,
    });
    await filter.reload();
    const cache = new KeyCache(load, 60_000, 5_000, 100_000, 250, filter);
    const made = Array.from({ length: 10_000 }, (_, i) => cache.authenticate(`sk-gw-forged-${i}`));
    for (const code of await Promise.all(made.map(refused))) expect(code).toBe("invalid_api_key");
    expect(counts.lookups).toBe(0);
    expect((await cache.authenticate("sk-gw-a")).keyId).toBe("sk-gw-a");
    expect(counts.lookups).toBe(1);
  });

  it("accepts a key issued on another instance whose event is still on the way", async () => {
    const { byHash, load } = store(["sk-gw-old"]);
    const late = hashApiKey("sk-gw-new");
    let filter: IssuedKeyFilter | undefined = undefined;
    filter = new IssuedKeyFilter({
      loadAll: async () => [{ hash: hashApiKey("sk-gw-old"), endsAt: null }],
      // The event arrives during the catch-up round trip, as Postgres delivers it.
      caughtUp: async () => void filter!.add(late),
    });
    await filter.reload();
    byHash.set(late, tenantKey("sk-gw-new"));
    const cache = new KeyCache(load, 60_000, 5_000, 100_000, 250, filter);
    expect((await cache.authenticate("sk-gw-new")).keyId).toBe("sk-gw-new");
  });

  it("falls back to the lookup while the filter cannot vouch (never loaded, or events down)", async () => {
    const { counts, load } = store(["sk-gw-a"]);
    const filter = new IssuedKeyFilter({
      loadAll: () => Promise.reject(new Error("Postgres away")),
      caughtUp: () => Promise.reject(new Error("events down")),
    });
    await filter.reload().catch(() => {});
    expect(filter.ready).toBe(false);
    const cache = new KeyCache(load, 60_000, 5_000, 100_000, 250, filter);
    expect((await cache.authenticate("sk-gw-a")).keyId).toBe("sk-gw-a");
    expect(await refused(cache.authenticate("sk-gw-nope"))).toBe("invalid_api_key");
    expect(counts.lookups).toBe(2);
  });

  it("keeps a key issued while the filter was loading", async () => {
    let release!: (hashes: IssuedHash[]) => void;
    const filter = new IssuedKeyFilter({
      loadAll: () => new Promise((resolve) => (release = resolve)),
      caughtUp: async () => {},
    });
    const loading = filter.reload();
    filter.add("h-new");
    release([{ hash: "h-old", endsAt: null }]);
    await loading;
    expect(await filter.verdict("h-new")).toBe("issued");
    expect(await filter.verdict("h-old")).toBe("issued");
    expect(await filter.verdict("h-other")).toBe("never_issued");
  });
});
