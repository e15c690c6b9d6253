import { describe, expect, it } from "vitest";
import type { Catalog } from "@/lib/gateway/catalog";
import { DEFAULT_BREAKER_CONFIG } from "./breaker-config";
import { BreakerRegistry, credentialScopeKey, providerScopeKey } from "./breaker-registry";
import type { BreakerSnapshot } from "./breaker-state";
import { probeTarget } from "./probe-target";

const T0 = 1_000_000;

function open(scopeKey: string, retryAt: number | null, version = 3): BreakerSnapshot {
  const [scope, scopeId] = scopeKey.split(":") as ["credential" | "provider", string];
  return {
    scopeKey,
    scope,
    scopeId,
    providerId: scope === "provider" ? scopeId : "deepseek",
    version,
    state: "open",
    lastErrorClass: "server_error",
    failures: 1,
    probes: 0,
    openedAt: T0,
    retryAt,
  };
}

function catalog(): Catalog {
  const deployment = (model: string, price: number) => ({
    id: `d-${model}`,
    providerId: "deepseek",
    model,
    publicName: `deepseek/${model}`,
    aliases: [],
    inputPricePer1MMicros: price,
    outputPricePer1MMicros: price,
    cachedInputPricePer1MMicros: null,
    contextWindow: null,
    kind: "chat",
  });
  const credential = (id: string) => ({
    id,
    providerId: "deepseek",
    label: id,
    apiKey: `sk-${id}`,
    last4: id.slice(-4),
    simulated: false,
  });
  return {
    providers: new Map([
      [
        "deepseek",
        {
          id: "deepseek",
          name: "DeepSeek",
          kind: "openai_compatible" as const,
          baseUrl: "http://x",
          enabled: true,
          simulated: false,
        },
      ],
    ]),
    credentialsByProvider: new Map([["deepseek", [credential("c1"), credential("c2")]]]),
    deployments: [deployment("reasoner", 2_000_000), deployment("chat", 270_000)],
  } as unknown as Catalog;
}

describe("timer probes", () => {
  it("are due at the retry time, never for a forced-open, quarantined or closed breaker", () => {
    const registry = new BreakerRegistry(DEFAULT_BREAKER_CONFIG, () => {});
    registry.adopt(open(providerScopeKey("deepseek"), T0 + 500), "startup");
    registry.adopt(open(credentialScopeKey("forced"), null), "startup");
    registry.adopt(
      { ...open(credentialScopeKey("latched"), null), state: "quarantined" } as BreakerSnapshot,
      "startup",
    );
    expect(registry.dueForProbe(T0 + 499)).toEqual([]);
    expect(registry.dueForProbe(T0 + 500).map((s) => s.scopeKey)).toEqual(["provider:deepseek"]);
    expect(registry.nextRetryAt()).toBe(T0 + 500);
  });

  it("propose the half-open move without applying it", () => {
    const registry = new BreakerRegistry(DEFAULT_BREAKER_CONFIG, () => {});
    registry.adopt(open(providerScopeKey("deepseek"), T0), "startup");
    const proposal = registry.proposeProbe(providerScopeKey("deepseek"), T0);
    expect(proposal?.next.state).toBe("half_open");
    expect(proposal?.from.version).toBe(3);
    expect(registry.snapshot(providerScopeKey("deepseek"))?.state).toBe("open");
    expect(registry.proposeProbe(providerScopeKey("deepseek"), T0 - 1)).toBeNull();
  });

  it("leave a client out of probing until the grace after the retry time has passed", () => {
    const config = { ...DEFAULT_BREAKER_CONFIG, clientProbeGraceMs: 5_000 };
    const registry = new BreakerRegistry(config, () => {});
    registry.adopt(open(providerScopeKey("deepseek"), T0), "startup");
    const c = probeTarget(catalog(), open(providerScopeKey("deepseek"), T0), () => undefined)!;
    expect(registry.admit(c.candidate, T0 + 4_999)).toBeNull();
    expect(registry.admit(c.candidate, T0 + 5_000)).toEqual({
      providerProbe: true,
      credentialProbe: false,
    });
  });

  it("go through the provider's cheapest deployment on a credential that can serve", () => {
    const states = new Map([[credentialScopeKey("c1"), open(credentialScopeKey("c1"), T0)]]);
    const target = probeTarget(catalog(), open(providerScopeKey("deepseek"), T0), (k) =>
      states.get(k),
    );
    expect(target?.candidate.deployment.publicName).toBe("deepseek/chat");
    expect(target?.candidate.credential.id).toBe("c2");
    expect(target?.admission).toEqual({ providerProbe: true, credentialProbe: false });
  });

  it("probe a credential with that credential, and wait when no credential can serve", () => {
    const own = probeTarget(catalog(), open(credentialScopeKey("c1"), T0), () => undefined);
    expect(own?.candidate.credential.id).toBe("c1");
    expect(own?.admission).toEqual({ providerProbe: false, credentialProbe: true });
    const none = probeTarget(catalog(), open(providerScopeKey("deepseek"), T0), (k) => open(k, T0));
    expect(none).toBeNull();
  });
});
