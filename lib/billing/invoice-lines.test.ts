import { describe, expect, it } from "vitest";
import { AllowanceMeter } from "./allowance";
import { buildInvoiceLines, roundPicosToCentsInMicros, sumChargeLines } from "./invoice-lines";
import type { PlanTerms } from "./plan-for-month";

const starter: PlanTerms = {
  id: "s",
  name: "Starter",
  monthlyFeeMicros: 9_000_000n,
  includedTokens: 5_000_000n,
  overagePricePer1MMicros: 5_000_000n,
};
const payg: PlanTerms = {
  id: "p",
  name: "Pay as you go",
  monthlyFeeMicros: 0n,
  includedTokens: 0n,
  overagePricePer1MMicros: 5_000_000n,
};

function draft(plan: PlanTerms, requests: { tokens: number; price: number; model: string }[]) {
  const meter = new AllowanceMeter(plan.includedTokens);
  for (const r of requests)
    meter.add({ tokens: r.tokens, billedPricePer1MMicros: r.price, model: r.model });
  return buildInvoiceLines({
    plan,
    totalTokens: meter.totalTokens,
    overageTokens: meter.overageTokens,
    overagePicos: meter.overagePicos,
    breakdown: meter.breakdown(),
  });
}

describe("invoice lines", () => {
  it("zero usage: the fee alone, nothing to round", () => {
    const d = draft(starter, []);
    expect(d.totalMicros).toBe(9_000_000n);
    expect(d.lines.map((l) => [l.kind, l.amountMicros])).toEqual([
      ["fee", 9_000_000n],
      ["overage", 0n],
      ["rounding", 0n],
    ]);
  });

  it("usage exactly at the allowance charges no overage; one token past charges one token", () => {
    expect(draft(starter, [{ tokens: 5_000_000, price: 5_000_000, model: "m" }]).totalMicros).toBe(
      9_000_000n,
    );
    const past = draft(starter, [{ tokens: 5_000_001, price: 5_000_000, model: "m" }]);
    const overage = past.lines.find((l) => l.kind === "overage")!;
    expect(overage.quantity).toBe(1n);
    expect(overage.amountMicros).toBe(5n);
    // $9.000005 rounds once to $9.00; the rounding line says so and the lines still sum.
    expect(past.totalMicros).toBe(9_000_000n);
    expect(past.lines.at(-1)).toMatchObject({ kind: "rounding", amountMicros: -5n });
    expect(sumChargeLines(past.lines)).toBe(past.totalMicros);
    expect(overage.description).toBe(
      "Overage: 1 of 5,000,001 tokens used, beyond the 5,000,000 included (unit price per 1M tokens)",
    );
    expect(
      draft(payg, [{ tokens: 1_234, price: 5_000_000, model: "m" }]).lines[1]!.description,
    ).toBe("Tokens used: 1,234 (unit price per 1M tokens)");
  });

  it("shows each line's pico-dollars to the nearest micro-dollar, as the spend report does", () => {
    // 33 tokens at $3.60 per 1M: 118.8 micro-dollars, 119 in the usage report too.
    const d = draft(payg, [{ tokens: 33, price: 3_600_000, model: "claude" }]);
    expect(
      d.lines.filter((l) => l.kind === "overage" || l.kind === "info").map((l) => l.amountMicros),
    ).toEqual([119n, 119n]);
    expect(sumChargeLines(d.lines)).toBe(d.totalMicros);
  });

  it("rounds the exact pico total once, half up to the cent", () => {
    expect(roundPicosToCentsInMicros(4_999_999_999n)).toBe(0n);
    expect(roundPicosToCentsInMicros(5_000_000_000n)).toBe(10_000n);
    // 3 requests of 333 tokens at $5/1M = 4,995 micro-dollars = $0.004995 -> $0.00
    const d = draft(
      payg,
      [1, 2, 3].map(() => ({ tokens: 333, price: 5_000_000, model: "m" })),
    );
    expect(d.totalMicros).toBe(0n);
    expect(sumChargeLines(d.lines)).toBe(0n);
  });

  it("keeps sub-micro-dollar amounts until the one rounding", () => {
    // 1 token at $0.14/1M is 0.14 micro-dollars; a million of them is exactly $0.14.
    const d = draft(
      payg,
      Array.from({ length: 1000 }, () => ({ tokens: 1000, price: 140_000, model: "m" })),
    );
    expect(d.totalMicros).toBe(140_000n);
  });

  it("shows the per-model breakdown as information that is not added again", () => {
    const d = draft(payg, [
      { tokens: 1_000_000, price: 5_000_000, model: "deepseek/deepseek-chat" },
      { tokens: 1_000_000, price: 18_000_000, model: "anthropic/claude" },
    ]);
    const info = d.lines.filter((l) => l.kind === "info");
    expect(
      info.map((l) => [
        l.description.includes("anthropic/claude") || l.description.includes("deepseek"),
        l.amountMicros,
      ]),
    ).toEqual([
      [true, 18_000_000n],
      [true, 5_000_000n],
    ]);
    expect(d.totalMicros).toBe(23_000_000n);
    expect(sumChargeLines(d.lines)).toBe(23_000_000n);
  });
});
