import { describe, expect, it } from "vitest";
import { isForcedOpen, providerDownReason, type StoredBreakerState } from "./provider-down";

describe("providerDownReason: the one definition of a provider being down", () => {
  const rows: [StoredBreakerState, StoredBreakerState[], ReturnType<typeof providerDownReason>][] =
    [
      ["closed", ["closed", "closed"], null],
      ["closed", ["open", "closed"], null],
      ["closed", ["open", "half_open"], null],
      ["closed", ["open", "quarantined"], "no_credential_serving"],
      ["closed", ["open"], "no_credential_serving"],
      ["open", ["closed"], "provider_breaker"],
      ["half_open", ["closed"], "provider_breaker"],
      ["open", ["quarantined"], "provider_breaker"],
      // No credentials: not configured, which is not "down".
      ["closed", [], null],
      ["open", [], null],
    ];
  it.each(rows)("provider %s, credentials %j -> %s", (providerState, credentialStates, want) => {
    expect(providerDownReason({ providerState, credentialStates })).toBe(want);
  });
});

describe("isForcedOpen", () => {
  it("is open with no retry time, and nothing else", () => {
    expect(isForcedOpen({ state: "open", retryAt: null })).toBe(true);
    expect(isForcedOpen({ state: "open", retryAt: new Date() })).toBe(false);
    expect(isForcedOpen({ state: "quarantined", retryAt: null })).toBe(false);
    expect(isForcedOpen({ state: "closed", retryAt: null })).toBe(false);
  });
});
