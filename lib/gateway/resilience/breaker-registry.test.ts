import { describe, expect, it } from "vitest";
import type { ErrorClass, UpstreamFailure } from "@/lib/gateway/errors/error-class";
import { scopeOf } from "@/lib/gateway/errors/error-class";
import type { Candidate } from "@/lib/gateway/router/rank-candidates";
import { DEFAULT_BREAKER_CONFIG } from "./breaker-config";
import {
  BreakerRegistry,
  credentialScopeKey,
  providerScopeKey,
  type TransitionEvent,
} from "./breaker-registry";
import { episodeOf, type BreakerSnapshot } from "./breaker-state";

function candidate(credentialId = "c1", providerId = "deepseek"): Candidate {
  const provider = {
    id: providerId,
    name: providerId,
    kind: "openai_compatible" as const,
    baseUrl: "http://x",
    enabled: true,
    simulated: false,
  };
  const deployment = {
    id: "d",
    providerId,
    model: "m",
    publicName: `${providerId}/m`,
    aliases: [],
    inputPricePer1MMicros: 1,
    outputPricePer1MMicros: 1,
    cachedInputPricePer1MMicros: null,
    contextWindow: null,
    kind: "chat" as const,
  };
  const credential = {
    id: credentialId,
    providerId,
    label: credentialId,
    apiKey: "k",
    last4: "abcd",
    simulated: false,
  };
  return { provider, deployment, credential, expectedCostPicos: 0 };
}

function failure(errorClass: ErrorClass, extra: Partial<UpstreamFailure> = {}): UpstreamFailure {
  return { errorClass, scope: scopeOf(errorClass), ...extra };
}

function setup() {
  const events: TransitionEvent[] = [];
  // Jitter pinned to its maximum so cooldowns are exact.
  const registry = new BreakerRegistry(
    DEFAULT_BREAKER_CONFIG,
    (e) => events.push(e),
    () => 1,
  );
  return { registry, events };
}

describe("BreakerRegistry", () => {
  it("quarantines a revoked key after one confirming probe, and sends nothing in between", () => {
    const { registry, events } = setup();
    const c = candidate();
    let t = 1_000;
    const a = registry.admit(c, t)!;
    registry.onFailure(
      c,
      a,
      failure("permanent_auth", { httpStatus: 401, code: "invalid_api_key" }),
      "r1",
      t,
    );
    expect(registry.snapshot(credentialScopeKey("c1"))?.state).toBe("open");
    expect(events.at(-1)?.transition.alert).toBe("breaker_opened");

    // Nothing passes before the probe delay.
    for (t = 1_001; t < 1_000 + DEFAULT_BREAKER_CONFIG.authProbeDelayMs; t += 5_000)
      expect(registry.admit(c, t)).toBeNull();

    t = 1_000 + DEFAULT_BREAKER_CONFIG.authProbeDelayMs;
    const probe = registry.admit(c, t)!;
    expect(probe.credentialProbe).toBe(true);
    // One probe at a time.
    expect(registry.admit(c, t)).toBeNull();
    registry.onFailure(c, probe, failure("permanent_auth", { httpStatus: 401 }), "r2", t);
    expect(registry.snapshot(credentialScopeKey("c1"))?.state).toBe("quarantined");
    expect(events.at(-1)?.transition.alert).toBe("breaker_quarantined");
    // Quarantine is latched: no probe ever again.
    expect(registry.admit(c, t + 365 * 24 * 3600_000)).toBeNull();
  });

  it("closes after a successful probe", () => {
    const { registry } = setup();
    const c = candidate();
    registry.onFailure(c, registry.admit(c, 0)!, failure("permanent_auth"), "r", 0);
    const probe = registry.admit(c, DEFAULT_BREAKER_CONFIG.authProbeDelayMs)!;
    registry.onSuccess(c, probe, "r", DEFAULT_BREAKER_CONFIG.authProbeDelayMs);
    expect(registry.snapshot(credentialScopeKey("c1"))?.state).toBe("closed");
    expect(registry.admit(c, DEFAULT_BREAKER_CONFIG.authProbeDelayMs + 1)).not.toBeNull();
  });

  it("trips on the fifth ambiguous 401 within 30 s and escalates repeated failed probes to quarantine", () => {
    const { registry } = setup();
    const c = candidate();
    for (let i = 0; i < 4; i++)
      registry.onFailure(
        c,
        registry.admit(c, i * 1000)!,
        failure("transient_auth", { httpStatus: 401 }),
        "r",
        i * 1000,
      );
    expect(registry.snapshot(credentialScopeKey("c1"))?.state).toBe("closed");
    registry.onFailure(
      c,
      registry.admit(c, 5000)!,
      failure("transient_auth", { httpStatus: 401 }),
      "r",
      5000,
    );
    expect(registry.snapshot(credentialScopeKey("c1"))?.state).toBe("open");

    let t = 5000;
    for (
      let probe = 1;
      probe <= DEFAULT_BREAKER_CONFIG.transientAuth.quarantineAfterFailedProbes;
      probe++
    ) {
      t = episodeOf(registry.snapshot(credentialScopeKey("c1"))!).retryAt!;
      const a = registry.admit(c, t)!;
      expect(a.credentialProbe).toBe(true);
      registry.onFailure(c, a, failure("transient_auth", { httpStatus: 401 }), "r", t);
    }
    expect(registry.snapshot(credentialScopeKey("c1"))?.state).toBe("quarantined");
  });

  it("does not trip on four ambiguous 401s spread beyond the window", () => {
    const { registry } = setup();
    const c = candidate();
    for (let i = 0; i < 10; i++)
      registry.onFailure(
        c,
        registry.admit(c, i * 10_000)!,
        failure("transient_auth"),
        "r",
        i * 10_000,
      );
    expect(registry.snapshot(credentialScopeKey("c1"))?.state).toBe("closed");
  });

  it("honours the provider's Retry-After for rate limits and raises no alert", () => {
    const { registry, events } = setup();
    const c = candidate();
    registry.onFailure(
      c,
      registry.admit(c, 10_000)!,
      failure("rate_limit", { httpStatus: 429, retryAfterMs: 2_000 }),
      "r",
      10_000,
    );
    expect(registry.admit(c, 11_999)).toBeNull();
    expect(registry.admit(c, 12_000)?.credentialProbe).toBe(true);
    expect(events.some((e) => e.transition.alert)).toBe(false);
  });

  it("opens the provider breaker on a failure ratio with minimum volume, and recovers by probe", () => {
    const { registry } = setup();
    const c1 = candidate("c1");
    const c2 = candidate("c2");
    const { minVolume } = DEFAULT_BREAKER_CONFIG.provider;
    for (let i = 0; i < minVolume - 1; i++)
      registry.onFailure(
        c1,
        registry.admit(c1, 100)!,
        failure("overloaded", { httpStatus: 529 }),
        "r",
        100,
      );
    expect(registry.snapshot(providerScopeKey("deepseek"))?.state).toBe("closed");
    registry.onFailure(
      c2,
      registry.admit(c2, 100)!,
      failure("overloaded", { httpStatus: 529 }),
      "r",
      100,
    );
    expect(registry.snapshot(providerScopeKey("deepseek"))?.state).toBe("open");
    // The provider is out for every credential, and credentials themselves stay closed.
    expect(registry.admit(c1, 200)).toBeNull();
    expect(registry.snapshot(credentialScopeKey("c1"))?.state).toBe("closed");

    const t = episodeOf(registry.snapshot(providerScopeKey("deepseek"))!).retryAt!;
    const probe = registry.admit(c2, t)!;
    expect(probe.providerProbe).toBe(true);
    registry.onSuccess(c2, probe, "r", t);
    expect(registry.snapshot(providerScopeKey("deepseek"))?.state).toBe("closed");
    // Closed starts afresh: the failures that tripped it do not count against the next one.
    registry.onFailure(
      c1,
      registry.admit(c1, t + 1)!,
      failure("overloaded", { httpStatus: 529 }),
      "r",
      t + 1,
    );
    expect(registry.snapshot(providerScopeKey("deepseek"))?.state).toBe("closed");
  });

  it("never changes state for client errors", () => {
    const { registry, events } = setup();
    const c = candidate();
    for (let i = 0; i < 50; i++)
      registry.onFailure(
        c,
        registry.admit(c, i)!,
        failure("client_error", { httpStatus: 400 }),
        "r",
        i,
      );
    expect(events).toHaveLength(0);
    expect(registry.admit(c, 100)).not.toBeNull();
  });

  it("lets a person close a quarantined breaker and force one open with no probes", () => {
    const { registry, events } = setup();
    const c = candidate();
    registry.onFailure(c, registry.admit(c, 0)!, failure("permanent_auth"), "r", 0);
    registry.onFailure(c, registry.admit(c, 60_000)!, failure("permanent_auth"), "r", 60_000);
    const seed = registry.snapshot(credentialScopeKey("c1"))!;
    expect(seed.state).toBe("quarantined");
    registry.manual(seed.scopeKey, "closed", "ops@example.com", "key rotated", seed, 70_000);
    expect(events.at(-1)?.actor).toBe("ops@example.com");
    expect(registry.admit(c, 70_001)).not.toBeNull();
    registry.manual(seed.scopeKey, "open", "ops@example.com", undefined, seed, 80_000);
    expect(registry.admit(c, 80_000 + 365 * 24 * 3600_000)).toBeNull();
  });

  it("adopts newer state from another instance and ignores older", () => {
    const { registry } = setup();
    const c = candidate();
    registry.onFailure(c, registry.admit(c, 0)!, failure("permanent_auth"), "r", 0);
    const local = registry.snapshot(credentialScopeKey("c1"))!;
    registry.adopt({ ...local, state: "closed", version: local.version - 1 } as BreakerSnapshot);
    expect(registry.snapshot(credentialScopeKey("c1"))?.state).toBe("open");
    registry.adopt({
      ...local,
      state: "quarantined",
      version: local.version + 1,
    } as BreakerSnapshot);
    expect(registry.snapshot(credentialScopeKey("c1"))?.state).toBe("quarantined");
  });
});
