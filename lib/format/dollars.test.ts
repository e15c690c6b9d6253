import { describe, expect, it } from "vitest";
import { dollarsToMicros, formatPricePer1M, microsToDollars } from "./dollars";

describe("dollars typed by a person", () => {
  it("become integer micro-dollars, rounded to the micro-dollar", () => {
    expect(dollarsToMicros("2.19", null)).toBe(2_190_000);
    expect(dollarsToMicros(" 0.075 ", null)).toBe(75_000);
    expect(dollarsToMicros("0.0000004", null)).toBe(0);
    expect(dollarsToMicros("-1", null)).toBe(-1_000_000);
  });

  it("leave an empty field as the caller's 'empty' and a non-number as NaN", () => {
    expect(dollarsToMicros("  ", null)).toBeNull();
    expect(dollarsToMicros("", undefined)).toBeUndefined();
    expect(dollarsToMicros("abc", null)).toBeNaN();
  });

  it("round-trip through the field's text exactly", () => {
    for (const micros of [0, 1, 75_000, 140_000, 2_190_000, 15_000_000, 1_000_000_000_000])
      expect(dollarsToMicros(microsToDollars(micros), null)).toBe(micros);
    expect(microsToDollars(2_190_000)).toBe("2.19");
    expect(microsToDollars(1)).toBe("0.000001");
    expect(microsToDollars(5_000_000)).toBe("5");
    expect(microsToDollars(null)).toBe("");
    expect(microsToDollars("300000")).toBe("0.3");
  });
});

describe("a price per 1M tokens for reading", () => {
  it("keeps every digit the micro-dollars hold, at least two decimals", () => {
    expect(formatPricePer1M(14_000)).toBe("$0.014");
    expect(formatPricePer1M(75_000)).toBe("$0.075");
    expect(formatPricePer1M(3_000_000)).toBe("$3.00");
    expect(formatPricePer1M(2_190_000)).toBe("$2.19");
    expect(formatPricePer1M(1)).toBe("$0.000001");
    expect(formatPricePer1M(1_234_000_000)).toBe("$1,234.00");
    expect(formatPricePer1M("5000000")).toBe("$5.00");
    expect(formatPricePer1M(null)).toBe("—");
  });
});
