import { describe, expect, it } from "vitest";
import { formatTimeLeft } from "./time-left";

describe("formatTimeLeft", () => {
  it.each([
    [1, "1 s"],
    [40_000, "40 s"],
    [59_001, "1 min"],
    [60_000, "1 min"],
    [41 * 60_000 + 1, "42 min"],
    [59 * 60_000, "59 min"],
    [60 * 60_000, "1 hour"],
    [5 * 3_600_000 + 20 * 60_000, "5 hours"],
    [47 * 3_600_000, "47 hours"],
    [48 * 3_600_000, "2 days"],
    [3 * 86_400_000 - 60_000, "3 days"],
    [7 * 86_400_000, "7 days"],
  ])("%d ms left reads %s", (ms, words) => {
    expect(formatTimeLeft(ms)).toBe(words);
  });
});
