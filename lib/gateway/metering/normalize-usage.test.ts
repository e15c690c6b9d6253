import { describe, expect, it } from "vitest";
import {
  ABSOLUTE_USAGE_CEILING,
  impossibleFields,
  needsCount,
  normalizeUsage,
  usageCeiling,
} from "./normalize-usage";

const u = (promptTokens: number, completionTokens: number, cachedTokens = 0) => ({
  promptTokens,
  completionTokens,
  cachedTokens,
});

describe("usageCeiling", () => {
  it("is the context window plus the output asked for, or the default output", () => {
    expect(usageCeiling(128_000, 500, 1024)).toBe(128_500);
    expect(usageCeiling(128_000, null, 1024)).toBe(129_024);
  });
  it("assumes a 2M context when the window is unknown and never passes the absolute cap", () => {
    expect(usageCeiling(null, 10, 1024)).toBe(2_097_162);
    expect(usageCeiling(2_000_000, 1e12, 1024)).toBe(ABSOLUTE_USAGE_CEILING);
  });
});

describe("normalizeUsage", () => {
  it("takes a complete answer's possible figures as they are", () => {
    expect(
      normalizeUsage({ reported: u(10, 5, 4), counted: null, complete: true, ceiling: 100 }),
    ).toEqual({ usage: u(10, 5, 4), estimated: false, impossible: [] });
    expect(needsCount(u(10, 5), true, 100)).toBe(false);
  });

  it("bills a cut stream the larger of the reported and the counted output, the reported prompt", () => {
    const cut = { reported: u(10, 0), counted: u(14, 7), complete: false, ceiling: 100 };
    expect(needsCount(cut.reported, false, 100)).toBe(true);
    expect(normalizeUsage(cut)).toEqual({ usage: u(10, 7), estimated: true, impossible: [] });
    expect(normalizeUsage({ ...cut, reported: u(10, 9) }).usage).toEqual(u(10, 9));
  });

  it("replaces negative, fractional, NaN and above-ceiling figures by the counted ones", () => {
    for (const bad of [-3, 2.5, Number.NaN, 101, Infinity]) {
      const got = normalizeUsage({
        reported: u(bad, bad, bad),
        counted: u(12, 6),
        complete: true,
        ceiling: 100,
      });
      expect(got).toEqual({
        usage: u(12, 6),
        estimated: true,
        impossible: ["promptTokens", "completionTokens", "cachedTokens"],
      });
    }
    expect(impossibleFields({ ...u(1, 1), cacheWriteTokens: -1 }, 100)).toEqual([
      "cacheWriteTokens",
    ]);
  });

  it("keeps cached and written tokens within the prompt they are part of", () => {
    const got = normalizeUsage({
      reported: { ...u(10, 1, 8), cacheWriteTokens: 9 },
      counted: null,
      complete: true,
      ceiling: 100,
    });
    expect(got.usage).toEqual({ ...u(10, 1, 8), cacheWriteTokens: 2 });
  });

  it("bills 0 for an impossible figure when nothing could be counted", () => {
    expect(
      normalizeUsage({ reported: u(-1, 5), counted: null, complete: true, ceiling: 100 }).usage,
    ).toEqual(u(0, 5));
  });
});
