import { describe, expect, it } from "vitest";
import { openAIDuration, retryAfterSeconds, windowAt } from "./windows";

describe("limit windows", () => {
  it("are the UTC minute and month a request starts in", () => {
    const t = Date.parse("2026-12-31T23:59:59.999Z");
    expect(windowAt("minute", t)).toEqual({
      start: Date.parse("2026-12-31T23:59:00Z"),
      end: Date.parse("2027-01-01T00:00:00Z"),
    });
    expect(windowAt("month", t)).toEqual({
      start: Date.parse("2026-12-01T00:00:00Z"),
      end: Date.parse("2027-01-01T00:00:00Z"),
    });
  });
  it("give Retry-After in whole seconds, at least one", () => {
    expect(retryAfterSeconds(10_000, 9_999)).toBe(1);
    expect(retryAfterSeconds(10_000, 10_000)).toBe(1);
    expect(retryAfterSeconds(60_000, 10_500)).toBe(50);
  });
  it("format resets the way OpenAI does", () => {
    expect(openAIDuration(250)).toBe("250ms");
    expect(openAIDuration(17_000)).toBe("17s");
    expect(openAIDuration(360_000)).toBe("6m0s");
    expect(openAIDuration(7_384_000)).toBe("2h3m4s");
  });
});
