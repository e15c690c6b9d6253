import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { billedPricePer1MMicros, floorPricePer1MMicros, sellsBelowCost } from "./billed-price";

describe("billed price", () => {
  it("is the plan's list price when that covers cost plus margin", () => {
    expect(
      billedPricePer1MMicros({
        planPricePer1MMicros: 5_000_000,
        deploymentPricePer1MMicros: null,
        upstreamCostPicos: 1_400_000,
        tokens: 10,
        minMarginBps: 1000,
      }),
    ).toBe(5_000_000);
  });

  it("raises the Claude request that cost 114,000,000 picos and was billed 50,000,000 to cost plus margin", () => {
    // 10 tokens at $5/1M = 50,000,000 picos; cost 114,000,000 -> at 10% margin 125,400,000 -> 12,540,000 per 1M.
    const price = billedPricePer1MMicros({
      planPricePer1MMicros: 5_000_000,
      deploymentPricePer1MMicros: null,
      upstreamCostPicos: 114_000_000,
      tokens: 10,
      minMarginBps: 1000,
    });
    expect(price).toBe(12_540_000);
    expect(price * 10).toBeGreaterThanOrEqual(125_400_000);
  });

  it("prefers a deployment's own billed price over the plan's", () => {
    expect(
      billedPricePer1MMicros({
        planPricePer1MMicros: 5_000_000,
        deploymentPricePer1MMicros: 20_000_000,
        upstreamCostPicos: 0,
        tokens: 10,
        minMarginBps: 0,
      }),
    ).toBe(20_000_000);
  });

  it("never bills below cost plus margin, and is the smallest price that does", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.integer({ min: 0, max: 5000 }),
        (tokens, cost, margin) => {
          const floor = floorPricePer1MMicros(cost, tokens, margin);
          expect(
            BigInt(floor) * BigInt(tokens) * 10_000n >= BigInt(cost) * BigInt(10_000 + margin),
          ).toBe(true);
          if (floor > 0)
            expect(
              BigInt(floor - 1) * BigInt(tokens) * 10_000n < BigInt(cost) * BigInt(10_000 + margin),
            ).toBe(true);
        },
      ),
    );
  });

  it("flags a model whose output costs more than the list price allows", () => {
    expect(sellsBelowCost(5_000_000, [3_000_000, 15_000_000, 300_000], 1000)).toBe(true);
    expect(sellsBelowCost(5_000_000, [140_000, 280_000, null], 1000)).toBe(false);
  });
});
