import { describe, expect, it } from "vitest";
import { LIST_PRICE_PER_1M_MICROS } from "./pricing";
import { billedPricePer1MMicros, priceUsage } from "./usage-money";

const deployment = {
  inputPricePer1MMicros: 140_000,
  outputPricePer1MMicros: 280_000,
  cachedInputPricePer1MMicros: null,
};
const plan = (overagePricePer1MMicros: number | null) => ({
  plan: { id: "p", name: "p", overagePricePer1MMicros },
});

describe("usage money", () => {
  it("bills the plan's price, or the list price when the plan names none", () => {
    expect(billedPricePer1MMicros(plan(2_000_000))).toBe(2_000_000);
    expect(billedPricePer1MMicros(plan(null))).toBe(LIST_PRICE_PER_1M_MICROS);
  });

  it("prices upstream cost and billed amount of one request in pico-dollars", () => {
    const usage = { promptTokens: 7, completionTokens: 3, cachedTokens: 0 };
    expect(priceUsage(usage, deployment, plan(2_000_000))).toMatchObject({
      upstreamCostPicos: 1_820_000,
      billedPicos: 10 * 2_000_000,
    });
  });

  it("keeps the prices it used, so a later price edit never rewrites the row", () => {
    const money = priceUsage(
      { promptTokens: 7, completionTokens: 3, cachedTokens: 0 },
      deployment,
      plan(2_000_000),
    );
    expect(money.prices).toEqual({
      inputPricePer1MMicros: 140_000,
      outputPricePer1MMicros: 280_000,
      cachedInputPricePer1MMicros: null,
      cacheWritePricePer1MMicros: null,
      billedPricePer1MMicros: 2_000_000,
    });
  });

  it("raises a request that would sell below cost plus margin to the floor", () => {
    // Claude: 1,000 prompt + 7,000 completion tokens cost 3 + 105 = 108,000,000,000 picos... at $5/1M billed 40,000,000,000.
    const claude = {
      inputPricePer1MMicros: 3_000_000,
      outputPricePer1MMicros: 15_000_000,
      cachedInputPricePer1MMicros: 300_000,
    };
    const money = priceUsage(
      { promptTokens: 1_000, completionTokens: 7_000, cachedTokens: 0 },
      claude,
      plan(5_000_000),
      1000,
    );
    expect(money.upstreamCostPicos).toBe(108_000_000_000);
    expect(money.billedPicos).toBeGreaterThanOrEqual(118_800_000_000);
    expect(money.billedPicos).toBe(8_000 * money.prices!.billedPricePer1MMicros);
  });

  it("bills a deployment's own price when set", () => {
    expect(
      priceUsage(
        { promptTokens: 1, completionTokens: 1, cachedTokens: 0 },
        { ...deployment, billedPricePer1MMicros: 9_000_000 },
        plan(2_000_000),
      ).billedPicos,
    ).toBe(18_000_000);
  });

  it("charges nothing when no upstream served the request", () => {
    expect(
      priceUsage({ promptTokens: 5, completionTokens: 5, cachedTokens: 0 }, null, plan(1)),
    ).toEqual({ upstreamCostPicos: 0, billedPicos: 0, prices: null });
  });
});
