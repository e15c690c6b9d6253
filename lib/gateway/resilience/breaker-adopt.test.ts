import { describe, expect, it } from "vitest";
import type { Candidate } from "@/lib/gateway/router/rank-candidates";
import { DEFAULT_BREAKER_CONFIG } from "./breaker-config";
import { BreakerRegistry, credentialScopeKey } from "./breaker-registry";
import { closedSnapshot, type BreakerSnapshot } from "./breaker-state";

function candidate(): Candidate {
  const provider = { id: "deepseek", name: "deepseek", kind: "openai_compatible" as const, baseUrl: "http://x", enabled: true, simulated: false };
  const deployment = { id: "d", providerId: "deepseek", model: "m", publicName: "deepseek/m", aliases: [], inputPricePer1MMicros: 1, outputPricePer1MMicros: 1, cachedInputPricePer1MMicros: null, contextWindow: null };
  const credential = { id: "c1", providerId: "deepseek", label: "c1", apiKey: "k", last4: "abcd", simulated: false };
  return { provider, deployment, credential, expectedCostPicos: 0 };
}

const key = credentialScopeKey("c1");
const remote = (state: BreakerSnapshot["state"], version: number, retryAt: number | null = null): BreakerSnapshot => ({
  ...closedSnapshot(key, "credential", "c1", "deepseek"),
  state,
  lastErrorClass: "permanent_auth",
  failures: 1,
  openedAt: 0,
  retryAt,
  version,
});

describe("BreakerRegistry.adopt across instances", () => {
  it("sends no second probe while another instance's probe is out, and probes itself if that one never reports", () => {
    const registry = new BreakerRegistry(DEFAULT_BREAKER_CONFIG, () => {}, () => 1);
    const c = candidate();
    registry.adopt(remote("open", 1, 1_000), "newer", 0);
    registry.adopt(remote("half_open", 2, 1_000), "newer", 1_000);
    // Another instance is probing: nothing from here, neither a request nor a probe.
    expect(registry.admit(c, 1_001)).toBeNull();
    expect(registry.admit(c, 1_000 + DEFAULT_BREAKER_CONFIG.probeTimeoutMs)).toBeNull();
    // That instance went silent: after the probe timeout this one may probe.
    expect(registry.admit(c, 1_001 + DEFAULT_BREAKER_CONFIG.probeTimeoutMs)?.credentialProbe).toBe(true);
  });

  it("frees the slot when the other instance's verdict arrives", () => {
    const registry = new BreakerRegistry(DEFAULT_BREAKER_CONFIG, () => {}, () => 1);
    const c = candidate();
    registry.adopt(remote("half_open", 2, 1_000), "newer", 1_000);
    registry.adopt(remote("closed", 3), "newer", 1_002);
    expect(registry.admit(c, 1_003)).toEqual({ providerProbe: false, credentialProbe: false });
  });

  it("does not wait on a half_open found in storage at start: its prober may be gone", () => {
    const registry = new BreakerRegistry(DEFAULT_BREAKER_CONFIG, () => {}, () => 1);
    registry.adopt(remote("half_open", 2, 1_000), "startup", 1_000);
    expect(registry.admit(candidate(), 1_001)?.credentialProbe).toBe(true);
  });
});
