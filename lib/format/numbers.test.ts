import { describe, expect, it } from "vitest";
import {
  formatCount,
  formatExact,
  formatMicros,
  formatMs,
  formatPercent,
  formatRelative,
  formatTokens,
} from "./numbers";

describe("dashboard number formats", () => {
  it("shows money from micro-dollars with cents, or more digits for tiny amounts", () => {
    expect(formatMicros(1_234_560_000)).toBe("$1,234.56");
    expect(formatMicros(0)).toBe("$0.00");
    expect(formatMicros(150)).toBe("$0.000150");
    expect(formatMicros(2_500)).toBe("$0.002500");
    expect(formatMicros(null)).toBe("—");
  });
  it("keeps small token counts exact and compacts large ones", () => {
    expect(formatTokens(9_999)).toBe("9,999");
    expect(formatTokens(12_345)).toBe("12.3K");
    expect(formatTokens(4_500_000)).toBe("4.5M");
  });
  it("formats counts, ratios and durations", () => {
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatPercent(0.1234)).toBe("12.3%");
    expect(formatMs(42.4)).toBe("42 ms");
    expect(formatMs(12_500)).toBe("12.5 s");
  });
  it("says how long ago, and the exact UTC time for hovering", () => {
    const now = Date.parse("2026-01-01T12:00:00Z");
    expect(formatRelative(now - 3 * 60_000, now)).toBe("3 minutes ago");
    expect(formatRelative(now + 40_000, now)).toBe("in 40 seconds");
    expect(formatRelative(now - 1000, now)).toBe("just now");
    expect(formatExact("2026-01-01T12:00:00.000Z")).toBe("2026-01-01 12:00:00 UTC");
  });
});
