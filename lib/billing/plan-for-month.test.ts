import { describe, expect, it } from "vitest";
import { parsePeriod, periodOf, previousPeriod } from "./period";
import { planForMonth, type PlanTerms } from "./plan-for-month";

const plan = (name: string, fee: number, included = 0): PlanTerms => ({
  id: name,
  name,
  monthlyFeeMicros: BigInt(fee),
  includedTokens: BigInt(included),
  overagePricePer1MMicros: 5_000_000n,
});
const payg = plan("Pay as you go", 0);
const starter = plan("Starter", 9_000_000, 5_000_000);
const pro = plan("Pro", 29_000_000, 25_000_000);
const nov = parsePeriod("2026-11");

describe("periods", () => {
  it("are UTC calendar months, half open", () => {
    expect(nov.start).toBe(Date.parse("2026-11-01T00:00:00.000Z"));
    expect(nov.end).toBe(Date.parse("2026-12-01T00:00:00.000Z"));
    expect(periodOf(Date.parse("2026-11-30T23:59:59.999Z")).name).toBe("2026-11");
    expect(periodOf(Date.parse("2026-12-01T00:00:00.000Z")).name).toBe("2026-12");
    expect(previousPeriod(parsePeriod("2027-01")).name).toBe("2026-12");
    expect(() => parsePeriod("2026-13")).toThrow(RangeError);
    expect(() => parsePeriod("2026-1")).toThrow(RangeError);
  });
});

describe("planForMonth", () => {
  it("is the plan held all month when nothing changed", () => {
    expect(
      planForMonth(
        [{ plan: starter, effectiveAt: Date.parse("2026-01-01T00:00:00Z") }],
        nov.start,
        nov.end,
      ),
    ).toBe(starter);
  });

  it("bills a downgrade on the 30th on the higher plan, in full", () => {
    const changes = [
      { plan: pro, effectiveAt: Date.parse("2026-10-03T00:00:00Z") },
      { plan: payg, effectiveAt: Date.parse("2026-11-30T12:00:00Z") },
    ];
    expect(planForMonth(changes, nov.start, nov.end)).toBe(pro);
    // December is the first month on the lower plan.
    const dec = parsePeriod("2026-12");
    expect(planForMonth(changes, dec.start, dec.end)).toBe(payg);
  });

  it("bills a mid-month upgrade on the upgraded plan", () => {
    const changes = [
      { plan: starter, effectiveAt: Date.parse("2026-09-01T00:00:00Z") },
      { plan: pro, effectiveAt: Date.parse("2026-11-15T00:00:00Z") },
    ];
    expect(planForMonth(changes, nov.start, nov.end)).toBe(pro);
  });

  it("ignores a change that takes effect at the next month's first instant", () => {
    const changes = [
      { plan: starter, effectiveAt: Date.parse("2026-09-01T00:00:00Z") },
      { plan: pro, effectiveAt: nov.end },
    ];
    expect(planForMonth(changes, nov.start, nov.end)).toBe(starter);
  });

  it("is null for a tenant created after the month", () => {
    expect(planForMonth([{ plan: pro, effectiveAt: nov.end + 1 }], nov.start, nov.end)).toBeNull();
  });
});
