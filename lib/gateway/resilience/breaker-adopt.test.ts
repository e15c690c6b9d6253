import { describe, expect, it } from "vitest";
import type { Candidate } from "@/lib/gateway/router/rank-candidates";
import { DEFAULT_BREAKER_CONFIG } from "./breaker-config";
import { BreakerRegistry, credentialScopeKey } from "./breaker-registry";
import { closedSnapshot, type BreakerSnapshot } from "./breaker-state";

function candidate(): Candidate {
  const provider = {
    id: "deepseek",
    name: "deepseek",
    kind: "openai_compatible" as const,
    baseUrl: "http://x",
    enabled: true,
    simulated: false,
  };
  const deployment = {
    id: "d",
    providerId: "deepseek",
    model: "m",
    publicName: "deepseek/m",
    aliases: [],
    inputPricePer1MMicros: 1,
    outputPricePer1MMicros: 1,
    cachedInputPricePer1MMicros: null,
    contextWindow: null,
    kind: "chat" as const,
  };
  const credential = {
    id: "c1",
    providerId: "deepseek",
    label: "c1",
    apiKey: "k",
    last4: "abcd",
    simulated: false,
  };
  return { provider, deployment, credential, expectedCostPicos: 0 };
}

const key = credentialScopeKey("c1");
const remote = (
  state: BreakerSnapshot["state"],
  version: number,
  retryAt: number | null = null,
): BreakerSnapshot =>
  ({
    ...closedSnapshot(key, "credential", "c1", "deepseek"),
    state,
    lastErrorClass: "permanent_auth",
    failures: 1,
    probes: 0,
    openedAt: 0,
    retryAt,
    version,
  }) as BreakerSnapshot;

describe("BreakerRegistry.adopt across instances", () => {
  it("sends no second probe while another instance's probe is out, and probes itself if that one never reports", () => {
    const registry = new BreakerRegistry(
      DEFAULT_BREAKER_CONFIG,
      () => {},
      () => 1,
    );
    const c = candidate();
    registry.adopt(remote("open", 1, 1_000), "newer", 0);
    registry.adopt(remote("half_open", 2, 1_000), "newer", 1_000);
    // Another instance is probing: nothing from here, neither a request nor a probe.
    expect(registry.admit(c, 1_001)).toBeNull();
    expect(registry.admit(c, 1_000 + DEFAULT_BREAKER_CONFIG.probeTimeoutMs)).toBeNull();
    // That instance went silent: after the probe timeout this one may probe.
    expect(registry.admit(c, 1_001 + DEFAULT_BREAKER_CONFIG.probeTimeoutMs)?.credentialProbe).toBe(
      true,
    );
  });

  it("frees the slot when the other instance's verdict arrives", () => {
    const registry = new BreakerRegistry(
      DEFAULT_BREAKER_CONFIG,
      () => {},
      () => 1,
    );
    const c = candidate();
    registry.adopt(remote("half_open", 2, 1_000), "newer", 1_000);
    registry.adopt(remote("closed", 3), "newer", 1_002);
    expect(registry.admit(c, 1_003)).toEqual({ providerProbe: false, credentialProbe: false });
  });

  it("does not wait on a half_open found in storage at start: its prober may be gone", () => {
    const registry = new BreakerRegistry(
      DEFAULT_BREAKER_CONFIG,
      () => {},
      () => 1,
    );
    registry.adopt(remote("half_open", 2, 1_000), "startup", 1_000);
    expect(registry.admit(candidate(), 1_001)?.credentialProbe).toBe(true);
  });

  it("ignores a late failure while another instance probes, instead of taking it for its own probe", () => {
    const events: string[] = [];
    const registry = new BreakerRegistry(
      DEFAULT_BREAKER_CONFIG,
      (e) => events.push(e.transition.to),
      () => 1,
    );
    const c = candidate();
    registry.adopt(remote("half_open", 2, 1_000), "newer", 1_000);
    // A request sent before the key died answers now: not this instance's probe.
    registry.onFailure(
      c,
      { providerProbe: false, credentialProbe: false },
      { errorClass: "permanent_auth", scope: "credential", httpStatus: 401 },
      "r",
      1_001,
    );
    expect(events).toEqual([]);
    expect(registry.snapshot(key)?.state).toBe("half_open");
  });

  it("keeps the stored version through local transitions, so the next stored state is always adopted", () => {
    const registry = new BreakerRegistry(
      DEFAULT_BREAKER_CONFIG,
      () => {},
      () => 1,
    );
    const c = candidate();
    registry.adopt(remote("open", 1, 1_000), "newer", 0);
    // This instance probes locally (open -> half_open) before hearing of anyone else's.
    expect(registry.admit(c, 1_000)?.credentialProbe).toBe(true);
    expect(registry.snapshot(key)?.version).toBe(1);
    // Another instance's verdict, stored as version 2 (its half_open) then 3: adopted.
    registry.adopt(remote("quarantined", 3), "newer", 1_010);
    expect(registry.snapshot(key)?.state).toBe("quarantined");
  });

  it("does not fall back to what a lost write read when a broadcast already brought a later state", () => {
    const registry = new BreakerRegistry(
      DEFAULT_BREAKER_CONFIG,
      () => {},
      () => 1,
    );
    registry.adopt(remote("quarantined", 3), "newer", 1_000);
    // Our conditional write lost a race and read version 2 (half_open) before version 3 was stored.
    registry.adopt(remote("half_open", 2, 1_000), "truth", 1_001);
    expect(registry.snapshot(key)?.state).toBe("quarantined");
    // The same version with another state is storage's word against our unsaved one: storage wins.
    registry.adopt(remote("open", 3, 2_000), "truth", 1_002);
    expect(registry.snapshot(key)?.state).toBe("open");
  });
});
