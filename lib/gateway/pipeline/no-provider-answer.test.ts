import { describe, expect, it } from "vitest";
import {
  failoverTrail,
  MAX_TRAIL_CHARS,
  noProviderAvailable,
  retryAfterSeconds,
} from "./no-provider-answer";

const NOW = 1_000_000;

describe("the 503 when no provider is left", () => {
  it.each([
    { retryAts: [], expected: 30, why: "nothing has a retry time" },
    { retryAts: [null, null], expected: 30, why: "forced open or quarantined only" },
    { retryAts: [NOW + 4_200, NOW + 9_000], expected: 5, why: "the earliest, rounded up" },
    { retryAts: [NOW - 500], expected: 1, why: "already due: at least 1" },
    { retryAts: [NOW + 15 * 60_000], expected: 60, why: "a billing cooldown: at most 60" },
    { retryAts: [null, NOW + 2_000], expected: 2, why: "unknown times are ignored" },
  ])("Retry-After is $expected when $why", ({ retryAts, expected }) => {
    expect(retryAfterSeconds(retryAts, NOW)).toBe(expected);
  });

  it("names each provider and failure class once, never a credential label", () => {
    const err = noProviderAvailable(
      "auto",
      [
        { provider: "deepseek", credential: "prod-key-1", errorClass: "server_error", status: 500 },
        { provider: "deepseek", credential: "prod-key-2", errorClass: "server_error", status: 500 },
      ],
      [
        { provider: "gemini", credential: "team-b", reason: "provider open (overloaded)" },
        { provider: "gemini", credential: "team-c", reason: "provider open (overloaded)" },
      ],
      7,
    );
    expect(err.status).toBe(503);
    expect(err.headers["retry-after"]).toBe("7");
    expect(err.message).toBe(
      "No provider could serve 'auto': tried deepseek (server_error 500); skipped gemini (provider open (overloaded)).",
    );
    const body = JSON.stringify(err.toBody());
    for (const label of ["prod-key-1", "prod-key-2", "team-b", "team-c"])
      expect(body).not.toContain(label);
    expect(err.toBody().error).toMatchObject({
      providers_tried: [{ provider: "deepseek", errorClass: "server_error", status: 500 }],
      providers_skipped: [{ provider: "gemini", reason: "provider open (overloaded)" }],
    });
  });

  it("keeps the per-credential trail for the request log, bounded", () => {
    expect(failoverTrail([], [])).toBeNull();
    expect(
      failoverTrail(
        [{ provider: "deepseek", credential: "k1", errorClass: "server_error", status: 500 }],
        [{ provider: "gemini", credential: "k2", reason: "credential quarantined" }],
      ),
    ).toBe("tried deepseek/k1 server_error 500; skipped gemini/k2 credential quarantined");
    const many = Array.from({ length: 500 }, (_, i) => ({
      provider: "openrouter",
      credential: `key-number-${i}`,
      reason: "credential open (rate_limit)",
    }));
    const trail = failoverTrail([], many)!;
    expect(trail.length).toBeLessThanOrEqual(MAX_TRAIL_CHARS);
    expect(trail).toMatch(/…\d+ more$/);
  });
});
