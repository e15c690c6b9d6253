import { describe, expect, it } from "vitest";
import {
  billedPicos,
  formatMicros,
  LIST_PRICE_PER_1M_MICROS,
  picosToMicros,
  upstreamCostPicos,
} from "./pricing";

const deepseek = {
  inputPricePer1MMicros: 140_000,
  outputPricePer1MMicros: 280_000,
  cachedInputPricePer1MMicros: null,
};

describe("pricing", () => {
  it("prices tokens exactly in pico-dollars", () => {
    // 1,000,000 input tokens at $0.14 = $0.14 = 140,000 micros = 140,000,000,000 picos
    expect(
      upstreamCostPicos(
        { promptTokens: 1_000_000, completionTokens: 0, cachedTokens: 0 },
        deepseek,
      ),
    ).toBe(140_000 * 1_000_000);
    // 7 input + 3 output tokens = 7*0.14 + 3*0.28 micro-dollars = 1.82 micros
    expect(
      upstreamCostPicos({ promptTokens: 7, completionTokens: 3, cachedTokens: 0 }, deepseek),
    ).toBe(1_820_000);
  });

  it("charges cached prompt tokens at the cached price when there is one", () => {
    const prices = { ...deepseek, cachedInputPricePer1MMicros: 14_000 };
    expect(
      upstreamCostPicos({ promptTokens: 10, completionTokens: 0, cachedTokens: 4 }, prices),
    ).toBe(6 * 140_000 + 4 * 14_000);
  });

  it("bills tenants the list price of $5 per 1M tokens", () => {
    expect(
      billedPicos(
        { promptTokens: 200_000, completionTokens: 0, cachedTokens: 0 },
        LIST_PRICE_PER_1M_MICROS,
      ),
    ).toBe(1_000_000 * 1_000_000);
  });

  it("rounds pico-dollars to micro-dollars half away from zero", () => {
    expect(picosToMicros(1_499_999n)).toBe(1n);
    expect(picosToMicros(1_500_000n)).toBe(2n);
    expect(picosToMicros(-1_500_000n)).toBe(-2n);
  });

  it("formats micro-dollars for people", () => {
    expect(formatMicros(1_820_000n)).toBe("$1.820000");
    expect(formatMicros(5)).toBe("$0.000005");
    expect(formatMicros(-2_500_000)).toBe("-$2.500000");
  });
});
