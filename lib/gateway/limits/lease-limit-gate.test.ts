import { describe, expect, it } from "vitest";
import type { TenantKey } from "@/lib/gateway/keys/tenant-key";
import { LeaseLimitGate } from "./lease-limit-gate";
import type { LimitDecision } from "./limit-gate";
import { NO_LIMIT_SET, type LimitSet } from "./limit-rules";
import type { LeaseGrant, LeaseStore, LeaseTake } from "./lease-store";

/** The store's contract in memory: grants never pass the limit, debt is recorded first. */
class MemoryStore implements LeaseStore {
  granted = new Map<string, number>();
  down = false;
  takes = 0;
  async take(r: LeaseTake): Promise<LeaseGrant> {
    this.takes++;
    if (this.down) throw new Error("connection refused");
    const id = `${r.scopeKey}@${r.windowStart}`;
    const before = (this.granted.get(id) ?? 0) + r.debt;
    const after = Math.max(before, Math.min(r.limit, before + r.want));
    this.granted.set(id, after);
    return { granted: after - before, total: after };
  }
  async giveBack(scopeKey: string, windowStart: number, units: number): Promise<void> {
    const id = `${scopeKey}@${windowStart}`;
    this.granted.set(id, Math.max(0, (this.granted.get(id) ?? 0) - units));
  }
}

function key(
  keyLimits: Partial<LimitSet> = {},
  tenantLimits: Partial<LimitSet> = {},
  tenantId = "t1",
): TenantKey {
  return {
    keyId: `k-${tenantId}`,
    tenantId,
    hash: "h",
    allowedModels: [],
    requestsPerMinute: null,
    tokensPerMinute: null,
    plan: { id: "p", name: "default", overagePricePer1MMicros: 5_000_000 },
    limits: {
      key: { ...NO_LIMIT_SET, ...keyLimits },
      tenant: { ...NO_LIMIT_SET, ...tenantLimits },
      includedTokens: 0,
      overagePricePer1MMicros: 5_000_000,
    },
    expiresAt: null,
    revoked: false,
    tenantActive: true,
  };
}

const T0 = Date.parse("2026-11-30T10:00:10.000Z");
const request = (k: TenantKey, over: { input?: number; max?: number | null } = {}) => ({
  key: k,
  model: "auto",
  estimate: { inputTokens: over.input ?? 10, outputTokens: 256 },
  maxOutputTokens: "max" in over ? over.max : 90,
  now: T0,
});
const admitted = (d: LimitDecision[]) => d.filter((x) => x.admit).length;

describe("LeaseLimitGate", () => {
  it("admits a key without limits without asking the store", async () => {
    const store = new MemoryStore();
    const gate = new LeaseLimitGate({ store, now: () => T0 });
    expect((await gate.check(request(key()))).admit).toBe(true);
    expect(store.takes).toBe(0);
  });

  it("never admits more requests than the limit across two instances sharing a store", async () => {
    const store = new MemoryStore();
    const k = key({ requestsPerMinute: 50 });
    const a = new LeaseLimitGate({ store, now: () => T0 });
    const b = new LeaseLimitGate({ store, now: () => T0 });
    const decisions = await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).check(request(k))),
    );
    expect(admitted(decisions)).toBe(50);
    const refused = decisions.find((d) => !d.admit)!;
    expect(refused).toMatchObject({ admit: false, status: 429, code: "rate_limit_exceeded" });
    // 10:00:10 -> the minute ends in 50 s.
    expect(!refused.admit && refused.headers).toMatchObject({
      "retry-after": "50",
      "x-ratelimit-limit-requests": "50",
      "x-ratelimit-remaining-requests": "0",
      "x-ratelimit-reset-requests": "50s",
    });
  });

  it("serves the request that crosses a monthly token quota and refuses the next, until the month ends", async () => {
    const store = new MemoryStore();
    const gate = new LeaseLimitGate({ store, now: () => T0 });
    const k = key({}, { monthlyTokens: 1_000 });
    const first = await gate.check(request(k, { input: 10, max: 90 }));
    expect(first.admit).toBe(true);
    if (first.admit) first.settle!({ promptTokens: 300, completionTokens: 650, cachedTokens: 0 });
    const crossing = await gate.check(request(k, { input: 10, max: 90 }));
    expect(crossing.admit).toBe(true);
    if (crossing.admit)
      crossing.settle!({ promptTokens: 100, completionTokens: 100, cachedTokens: 0 });
    const next = await gate.check(request(k));
    expect(next).toMatchObject({ admit: false, status: 429, code: "quota_exceeded" });
    // The month ends 2026-12-01T00:00Z.
    expect(!next.admit && Number(next.headers["retry-after"])).toBe(
      (Date.parse("2026-12-01T00:00:00Z") - T0) / 1000,
    );
  });

  it("keeps tenants apart: one tenant's spent allowance never refuses another", async () => {
    const store = new MemoryStore();
    const gate = new LeaseLimitGate({ store, now: () => T0 });
    const a = key({}, { requestsPerMinute: 2 }, "ta");
    const b = key({}, { requestsPerMinute: 2 }, "tb");
    const results = await Promise.all([a, a, a, b, b].map((k) => gate.check(request(k))));
    expect(results.map((r) => r.admit)).toEqual([true, true, false, true, true]);
  });

  it("uses the default reservation when the caller sets no max_tokens", async () => {
    const store = new MemoryStore();
    const gate = new LeaseLimitGate({
      store,
      now: () => T0,
      defaultMaxTokens: 1024,
      leaseFraction: 1,
    });
    const k = key({ tokensPerMinute: 2_000 });
    await gate.check(request(k, { input: 10, max: null }));
    await gate.check(request(k, { input: 10, max: null }));
    // 2 x (10 + 1024) reserved > 2,000: the third is refused.
    expect((await gate.check(request(k, { input: 10, max: null }))).admit).toBe(false);
  });

  it("while the store is away, admits one more local lease, then answers 503 with Retry-After", async () => {
    const store = new MemoryStore();
    const gate = new LeaseLimitGate({ store, now: () => T0, leaseFraction: 0.1 });
    const k = key({ requestsPerMinute: 100 });
    store.down = true;
    const decisions = [];
    for (let i = 0; i < 15; i++) decisions.push(await gate.check(request(k)));
    expect(admitted(decisions)).toBe(10);
    expect(decisions.at(-1)).toMatchObject({
      admit: false,
      status: 503,
      code: "service_unavailable",
      headers: { "retry-after": "5" },
    });
    // An unlimited key is not affected.
    expect((await gate.check(request(key()))).admit).toBe(true);
  });

  it("records what it admitted offline once the store is back", async () => {
    const store = new MemoryStore();
    let now = T0;
    const gate = new LeaseLimitGate({ store, now: () => now, leaseFraction: 0.1 });
    const k = key({ requestsPerMinute: 100 });
    store.down = true;
    for (let i = 0; i < 10; i++) await gate.check(request(k));
    store.down = false;
    now += 2000;
    expect((await gate.check(request(k))).admit).toBe(true);
    expect([...store.granted.values()][0]).toBe(20);
  });

  it("returns unspent leases at close", async () => {
    const store = new MemoryStore();
    const gate = new LeaseLimitGate({ store, now: () => T0, leaseFraction: 0.5 });
    await gate.check(request(key({ requestsPerMinute: 10 })));
    await gate.close();
    expect([...store.granted.values()][0]).toBe(1);
  });
});

describe("LeaseLimitGate near the end of an allowance", () => {
  it("does not strand units on one instance while another needs them", async () => {
    const store = new MemoryStore();
    const k = key({}, { requestsPerMinute: 4 });
    const a = new LeaseLimitGate({ store, now: () => T0 });
    const b = new LeaseLimitGate({ store, now: () => T0 });
    // A serves one request, B three: all four fit in the limit and must pass.
    const decisions = await Promise.all([
      a.check(request(k)),
      b.check(request(k)),
      b.check(request(k)),
      b.check(request(k)),
    ]);
    expect(decisions.map((d) => d.admit)).toEqual([true, true, true, true]);
  });
});

describe("LeaseLimitGate budgets", () => {
  it("count what a request is really billed, the cost floor included", async () => {
    const store = new MemoryStore();
    const gate = new LeaseLimitGate({ store, now: () => T0, leaseFraction: 1 });
    // $1 budget at $5 per 1M: 200,000 tokens at list price, but this request was raised to the floor.
    const k = key({}, { monthlyBudgetMicros: 1_000_000 });
    const first = await gate.check(request(k, { input: 10, max: 10 }));
    if (first.admit)
      first.settle!(
        { promptTokens: 1_000, completionTokens: 1_000, cachedTokens: 0 },
        1_000_000_000_000,
      );
    expect(await gate.check(request(k))).toMatchObject({ admit: false, code: "quota_exceeded" });
  });
});

describe("LeaseLimitGate.peek", () => {
  it("gives the headers of a limited key without spending, and none for an unlimited one", async () => {
    const store = new MemoryStore();
    const gate = new LeaseLimitGate({ store, now: () => T0 });
    const k = key({ requestsPerMinute: 3 });
    await gate.check(request(k));
    for (let i = 0; i < 5; i++) gate.peek(k, T0);
    expect(gate.peek(k, T0)).toMatchObject({
      "x-ratelimit-limit-requests": "3",
      "x-ratelimit-remaining-requests": "2",
      "x-ratelimit-reset-requests": "50s",
    });
    expect(gate.peek(key(), T0)).toEqual({});
    expect(store.takes).toBe(1);
  });
});
