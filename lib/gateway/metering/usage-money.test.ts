import { describe, expect, it } from "vitest";
import { LIST_PRICE_PER_1M_MICROS } from "./pricing";
import { billedPricePer1MMicros, priceUsage } from "./usage-money";

const deployment = { inputPricePer1MMicros: 140_000, outputPricePer1MMicros: 280_000, cachedInputPricePer1MMicros: null };
const plan = (overagePricePer1MMicros: number | null) => ({ plan: { id: "p", name: "p", overagePricePer1MMicros } });

describe("usage money", () => {
  it("bills the plan's price, or the list price when the plan names none", () => {
    expect(billedPricePer1MMicros(plan(2_000_000))).toBe(2_000_000);
    expect(billedPricePer1MMicros(plan(null))).toBe(LIST_PRICE_PER_1M_MICROS);
  });

  it("prices upstream cost and billed amount of one request in pico-dollars", () => {
    const usage = { promptTokens: 7, completionTokens: 3, cachedTokens: 0 };
    expect(priceUsage(usage, deployment, plan(2_000_000))).toEqual({ upstreamCostPicos: 1_820_000, billedPicos: 10 * 2_000_000 });
  });

  it("charges nothing when no upstream served the request", () => {
    expect(priceUsage({ promptTokens: 5, completionTokens: 5, cachedTokens: 0 }, null, plan(1))).toEqual({ upstreamCostPicos: 0, billedPicos: 0 });
  });
});
