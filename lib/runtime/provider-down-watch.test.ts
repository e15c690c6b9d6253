import { describe, expect, it } from "vitest";
import { ProviderDownWatch, type BreakerView } from "./provider-down-watch";

const KEYS = [
  { id: "c1", label: "ds-1 (…aaaa)" },
  { id: "c2", label: "ds-2 (…bbbb)" },
];

function states(map: Record<string, BreakerView>) {
  return (scopeKey: string): BreakerView => map[scopeKey] ?? { state: "closed", retryAt: null };
}

describe("ProviderDownWatch", () => {
  it("tells a provider going down once, with the keys that cannot serve and the next probe", () => {
    const watch = new ProviderDownWatch();
    const oneDown = states({ "credential:c1": { state: "quarantined", retryAt: null } });
    expect(watch.check("deepseek", KEYS, oneDown)).toBeNull();
    const bothDown = states({
      "credential:c1": { state: "quarantined", retryAt: null },
      "credential:c2": { state: "open", retryAt: 5_000 },
    });
    expect(watch.check("deepseek", KEYS, bothDown)).toEqual({
      providerId: "deepseek",
      reason: "no_credential_serving",
      quiet: false,
      notServing: ["ds-1 (…aaaa)", "ds-2 (…bbbb)"],
      credentials: 2,
      nextProbeAt: 5_000,
    });
    // Still down: nothing new to tell.
    expect(watch.check("deepseek", KEYS, bothDown)).toBeNull();
  });

  it("tells the recovery once, and a provider breaker alone is enough to be down", () => {
    const watch = new ProviderDownWatch();
    const own = states({ "provider:deepseek": { state: "half_open", retryAt: null } });
    expect(watch.check("deepseek", KEYS, own)?.reason).toBe("provider_breaker");
    const up = states({});
    expect(watch.check("deepseek", KEYS, up)).toMatchObject({ reason: null, notServing: [] });
    expect(watch.check("deepseek", KEYS, up)).toBeNull();
  });

  it("keeps providers apart and never reports one with no keys", () => {
    const watch = new ProviderDownWatch();
    const down = states({ "provider:gemini": { state: "open", retryAt: 9 } });
    expect(watch.check("gemini", [], down)).toBeNull();
    expect(watch.check("gemini", KEYS, down)?.nextProbeAt).toBe(9);
    expect(watch.check("deepseek", KEYS, down)).toBeNull();
  });

  it("keeps a provider down only for rate limits quiet, and tells it once a key fails otherwise", () => {
    const watch = new ProviderDownWatch();
    const limited = states({
      "credential:c1": { state: "open", retryAt: 2_000, errorClass: "rate_limit" },
      "credential:c2": { state: "open", retryAt: 3_000, errorClass: "rate_limit" },
    });
    expect(watch.check("deepseek", KEYS, limited)).toMatchObject({
      reason: "no_credential_serving",
      quiet: true,
    });
    expect(watch.check("deepseek", KEYS, limited)).toBeNull();
    const revoked = states({
      "credential:c1": { state: "quarantined", retryAt: null, errorClass: "permanent_auth" },
      "credential:c2": { state: "open", retryAt: 3_000, errorClass: "rate_limit" },
    });
    expect(watch.check("deepseek", KEYS, revoked)).toMatchObject({ quiet: false });
    expect(watch.check("deepseek", KEYS, revoked)).toBeNull();
    // Back from a told episode: told.
    expect(watch.check("deepseek", KEYS, states({}))).toMatchObject({ reason: null, quiet: false });
    // Back from an untold one: quiet.
    watch.check("deepseek", KEYS, limited);
    expect(watch.check("deepseek", KEYS, states({}))).toMatchObject({ reason: null, quiet: true });
  });

  it("waits for the probe's answer: a key half-open after an outage is not yet a recovery", () => {
    const watch = new ProviderDownWatch();
    const revoked = states({
      "credential:c1": { state: "open", retryAt: 60_000, errorClass: "permanent_auth" },
      "credential:c2": { state: "open", retryAt: 60_000, errorClass: "permanent_auth" },
    });
    expect(watch.check("mistral", KEYS, revoked)).toMatchObject({ quiet: false });
    const probing = states({
      "credential:c1": { state: "half_open", retryAt: null, errorClass: "permanent_auth" },
      "credential:c2": { state: "open", retryAt: 60_000, errorClass: "permanent_auth" },
    });
    // Learned from storage (the probe's claim) or told: nothing either way yet.
    expect(watch.check("mistral", KEYS, probing)).toBeNull();
    const closed = states({ "credential:c2": { state: "open", retryAt: 60_000 } });
    expect(watch.check("mistral", KEYS, closed)).toMatchObject({ reason: null, quiet: false });
  });
});
