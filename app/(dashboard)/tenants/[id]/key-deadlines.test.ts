import { describe, expect, it } from "vitest";
import { keyDeadlines } from "./key-deadlines";

const NOW = Date.parse("2026-12-07T12:00:00Z");
const at = (ms: number) => new Date(NOW + ms).toISOString();
const key = (over: Partial<Parameters<typeof keyDeadlines>[0]> = {}) => ({
  revoked: false,
  expiresAt: null,
  previousEndsAt: null,
  ...over,
});

describe("keyDeadlines", () => {
  it("flags an expiry within 7 days, and not one further off or already past", () => {
    expect(keyDeadlines(key({ expiresAt: at(3 * 86_400_000) }), NOW)).toEqual([
      { kind: "expiry", at: at(3 * 86_400_000), text: "expires in 3 days" },
    ]);
    expect(keyDeadlines(key({ expiresAt: at(7 * 86_400_000) }), NOW)).toHaveLength(1);
    expect(keyDeadlines(key({ expiresAt: at(7 * 86_400_000 + 1) }), NOW)).toEqual([]);
    expect(keyDeadlines(key({ expiresAt: at(0) }), NOW)).toEqual([]);
    expect(keyDeadlines(key(), NOW)).toEqual([]);
  });

  it("flags the old secret while its grace period runs", () => {
    expect(keyDeadlines(key({ previousEndsAt: at(42 * 60_000) }), NOW)).toEqual([
      { kind: "grace", at: at(42 * 60_000), text: "old secret ends in 42 min" },
    ]);
    expect(keyDeadlines(key({ previousEndsAt: at(-1) }), NOW)).toEqual([]);
  });

  it("shows both at once, and nothing for a revoked key", () => {
    const both = key({ expiresAt: at(86_400_000), previousEndsAt: at(3_600_000) });
    expect(keyDeadlines(both, NOW).map((d) => d.text)).toEqual([
      "expires in 24 hours",
      "old secret ends in 1 hour",
    ]);
    expect(keyDeadlines({ ...both, revoked: true }, NOW)).toEqual([]);
  });
});
