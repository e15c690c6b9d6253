/**
 * Properties of the one normalised usage over arbitrary provider figures (negative,
 * fractional, NaN, infinite, absurd): the stored tokens are possible, a row's money is its
 * stored tokens times its stored prices, nothing is negative, and no answer makes a
 * key's token quota or budget grow.
 */
import fc from "fast-check";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { LeaseLimitGate, settleReservation } from "@/lib/gateway/limits/lease-limit-gate";
import type { LeaseGrant, LeaseStore, LeaseTake } from "@/lib/gateway/limits/lease-store";
import { NO_LIMIT_SET } from "@/lib/gateway/limits/limit-rules";
import type { TokenUsage } from "@/lib/gateway/providers/types";
import type { Candidate } from "@/lib/gateway/router/rank-candidates";
import type { TenantKey } from "@/lib/gateway/keys/tenant-key";
import { normalizeUsage } from "./normalize-usage";
import { upstreamCostPicos } from "./pricing";
import { meteredChat } from "./metered-request";
import { RequestMeter } from "./request-meter";
import type { UsageEvent } from "./usage-event";

/** Any figure a provider (or a proxy in front of one) could write into a usage field. */
const figure = fc.oneof(
  fc.integer({ min: 0, max: 5000 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, 2_147_483_647, 1e300, -0),
);
const usage: fc.Arbitrary<TokenUsage> = fc.record(
  {
    promptTokens: figure,
    completionTokens: figure,
    cachedTokens: figure,
    cacheWriteTokens: figure,
  },
  { requiredKeys: ["promptTokens", "completionTokens", "cachedTokens"] },
);
const price = fc.integer({ min: 0, max: 600_000_000 });
const nonNegativeInt = (n: number) => Number.isSafeInteger(n) && n >= 0;

const key = (overage: number): TenantKey => ({
  keyId: "k",
  tenantId: "t",
  hash: "h",
  allowedModels: [],
  requestsPerMinute: null,
  tokensPerMinute: null,
  plan: { id: "p", name: "p", overagePricePer1MMicros: overage },
  expiresAt: null,
  revoked: false,
  tenantActive: true,
  limits: {
    key: { ...NO_LIMIT_SET, monthlyTokens: 1_000_000, monthlyBudgetMicros: 1_000_000 },
    tenant: NO_LIMIT_SET,
    includedTokens: 0,
    overagePricePer1MMicros: overage,
  },
});

describe("normalised usage (properties)", () => {
  it("is always whole, non-negative, within the ceiling, with cached and written tokens inside the prompt", () => {
    fc.assert(
      fc.property(
        fc.option(usage, { nil: null }),
        fc.option(usage, { nil: null }),
        fc.boolean(),
        fc.integer({ min: 1, max: 3_000_000 }),
        (reported, counted, complete, ceiling) => {
          const { usage: u } = normalizeUsage({ reported, counted, complete, ceiling });
          for (const n of [u.promptTokens, u.completionTokens, u.cachedTokens])
            expect(nonNegativeInt(n) && n <= ceiling).toBe(true);
          expect(u.cachedTokens + (u.cacheWriteTokens ?? 0)).toBeLessThanOrEqual(u.promptTokens);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("bills a row exactly its stored tokens times its stored prices, never negative", async () => {
    await fc.assert(
      fc.asyncProperty(
        usage,
        fc.boolean(),
        price,
        price,
        fc.option(price, { nil: null }),
        fc.option(price, { nil: null }),
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.option(fc.integer({ min: 1, max: 2_000_000 }), { nil: null }),
        async (reported, complete, input, output, cached, write, overage, contextWindow) => {
          const events: UsageEvent[] = [];
          const settled: TokenUsage[] = [];
          let work: Promise<void> | undefined;
          const candidate = {
            provider: { id: "p" },
            credential: { id: "c" },
            deployment: {
              id: "d",
              model: "m",
              inputPricePer1MMicros: input,
              outputPricePer1MMicros: output,
              cachedInputPricePer1MMicros: cached,
              cacheWritePricePer1MMicros: write,
              contextWindow,
            },
          } as unknown as Candidate;
          const meter = new RequestMeter(
            {
              record: (e) => events.push(e),
              track: (w) => void (work = w),
            },
            pino({ level: "silent" }),
            key(overage),
            "r",
            Date.now(),
            { minMarginBps: 1000, flawLog: { record: () => {} } },
          );
          meter.onSettle((u) => settled.push(u));
          meter.describe(meteredChat({ model: "m", messages: [] }));
          meter.served({
            candidate,
            reported,
            completionText: () => "",
            complete,
            httpStatus: 200,
            errorClass: null,
            ttfbMs: 1,
            attempts: 1,
          });
          await work;
          expect(events).toHaveLength(1);
          const e = events[0]!;
          const p = e.prices!;
          const tokens = {
            promptTokens: e.promptTokens,
            completionTokens: e.completionTokens,
            cachedTokens: e.cachedTokens,
            cacheWriteTokens: e.cacheWriteTokens,
          };
          for (const n of [...Object.values(tokens), e.upstreamCostPicos, e.billedPicos])
            expect(nonNegativeInt(n ?? 0)).toBe(true);
          expect(e.upstreamCostPicos).toBe(upstreamCostPicos(tokens, p));
          expect(e.billedPicos).toBe(
            (e.promptTokens + e.completionTokens) * p.billedPricePer1MMicros,
          );
          // Limits settle with exactly what the row stores.
          expect(settled[0]).toMatchObject({
            promptTokens: e.promptTokens,
            completionTokens: e.completionTokens,
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

class MemoryStore implements LeaseStore {
  granted = new Map<string, number>();
  async take(r: LeaseTake): Promise<LeaseGrant> {
    const id = `${r.scopeKey}@${r.windowStart}`;
    const before = (this.granted.get(id) ?? 0) + r.debt;
    const after = Math.max(before, Math.min(r.limit, before + r.want));
    this.granted.set(id, after);
    return { granted: after - before, total: after };
  }
  async giveBack(): Promise<void> {}
}

describe("settlement (properties)", () => {
  it("never gives back more than was reserved, whatever the answer said", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), figure, (reserved, actual) => {
        let back = 0;
        settleReservation(
          { refund: (u) => (back += u), charge: (u) => (back -= u) },
          reserved,
          actual,
        );
        expect(back).toBeLessThanOrEqual(reserved);
        expect(Number.isNaN(back)).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it("never leaves a token quota with more left than before the request, whatever its usage", async () => {
    await fc.assert(
      fc.asyncProperty(usage, fc.option(figure, { nil: undefined }), async (reported, picos) => {
        const gate = new LeaseLimitGate({ store: new MemoryStore(), now: () => 1_800_000_000_000 });
        const k = key(5_000_000);
        const request = {
          key: k,
          model: "m",
          estimate: { inputTokens: 10, outputTokens: 90 },
          maxOutputTokens: 90,
          now: 1_800_000_000_000,
        };
        const warm = await gate.check(request);
        if (warm.admit) warm.settle?.({ promptTokens: 10, completionTokens: 90, cachedTokens: 0 });
        const before = Number(gate.peek(k, 1_800_000_000_000)["x-ratelimit-remaining-tokens"]);
        const d = await gate.check(request);
        expect(d.admit).toBe(true);
        if (d.admit) d.settle?.(reported, picos);
        const after = Number(gate.peek(k, 1_800_000_000_000)["x-ratelimit-remaining-tokens"]);
        expect(after).toBeLessThanOrEqual(before);
      }),
      { numRuns: 500 },
    );
  });
});
