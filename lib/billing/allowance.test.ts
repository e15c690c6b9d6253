import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AllowanceMeter } from "./allowance";

describe("AllowanceMeter", () => {
  it("charges nothing inside the allowance and everything past it", () => {
    const m = new AllowanceMeter(1_000n);
    expect(m.add({ tokens: 600, billedPricePer1MMicros: 5_000_000, model: "a" })).toBe(0n);
    expect(m.add({ tokens: 400, billedPricePer1MMicros: 5_000_000, model: "a" })).toBe(0n);
    expect(m.overagePicos).toBe(0n);
    expect(m.add({ tokens: 1, billedPricePer1MMicros: 5_000_000, model: "a" })).toBe(1n);
    expect(m.overagePicos).toBe(5_000_000n);
  });

  it("splits the crossing request by tokens at its own price", () => {
    const m = new AllowanceMeter(1_000n);
    m.add({ tokens: 900, billedPricePer1MMicros: 5_000_000, model: "cheap" });
    expect(m.add({ tokens: 300, billedPricePer1MMicros: 18_000_000, model: "claude" })).toBe(200n);
    m.add({ tokens: 10, billedPricePer1MMicros: 5_000_000, model: "cheap" });
    expect(m.breakdown()).toEqual([
      { model: "claude", tokens: 200n, picos: 200n * 18_000_000n },
      { model: "cheap", tokens: 10n, picos: 50_000_000n },
    ]);
    expect(m.totalTokens).toBe(1_210n);
    expect(m.overageTokens).toBe(210n);
  });

  it("charges every token when nothing is included", () => {
    const m = new AllowanceMeter(0n);
    m.add({ tokens: 7, billedPricePer1MMicros: 5_000_000, model: "a" });
    expect(m.overagePicos).toBe(35_000_000n);
  });

  it("overage equals max(0, total - included) however requests are split", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10_000n }),
        fc.array(fc.integer({ min: 0, max: 2_000 }), { maxLength: 40 }),
        (included, sizes) => {
          const m = new AllowanceMeter(included);
          for (const tokens of sizes) m.add({ tokens, billedPricePer1MMicros: 3, model: "m" });
          const total = sizes.reduce((s, t) => s + BigInt(t), 0n);
          const expected = total > included ? total - included : 0n;
          expect(m.overageTokens).toBe(expected);
          expect(m.overagePicos).toBe(expected * 3n);
        },
      ),
    );
  });
});
