import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/errors";
import type { Catalog, CatalogDeployment, CatalogProvider } from "@/lib/gateway/catalog";
import type { ChatCompletionRequest } from "@/lib/gateway/chat-request";
import { planCandidates } from "@/lib/gateway/pipeline/plan-candidates";
import { PROVIDER_ADAPTERS } from "@/lib/gateway/providers/adapters";
import type { ProviderKind } from "@/lib/gateway/providers/registry";
import { DEFAULT_BREAKER_CONFIG } from "@/lib/gateway/resilience/breaker-config";
import {
  BreakerRegistry,
  credentialScopeKey,
  providerScopeKey,
} from "@/lib/gateway/resilience/breaker-registry";
import type { BreakerSnapshot } from "@/lib/gateway/resilience/breaker-state";
import { PREVIEW_TOKENS, routingPreview } from "./routing-preview";

const NOW = 1_700_000_000_000;

function provider(id: string, kind: ProviderKind): CatalogProvider {
  return { id, name: id, kind, baseUrl: `http://${id}.test`, enabled: true, simulated: true };
}

function deployment(
  providerId: string,
  model: string,
  aliases: string[],
  input: number,
  output: number,
): CatalogDeployment {
  return {
    id: `${providerId}-${model}`,
    providerId,
    model,
    publicName: `${providerId}/${model}`,
    aliases,
    inputPricePer1MMicros: input,
    outputPricePer1MMicros: output,
    cachedInputPricePer1MMicros: null,
    contextWindow: 128_000,
    kind: "chat",
  };
}

const credential = (providerId: string, id: string, last4: string) => ({
  id,
  providerId,
  label: `${providerId}-${id}`,
  apiKey: `sk-${id}`,
  last4,
  simulated: true,
});

const providers = [
  provider("deepseek", "openai_compatible"),
  provider("gemini", "gemini"),
  provider("anthropic", "anthropic"),
  provider("groq", "openai_compatible"),
];
const catalog: Catalog = {
  providers: new Map(providers.map((p) => [p.id, p])),
  credentialsByProvider: new Map([
    ["deepseek", [credential("deepseek", "s1", "cccc")]],
    ["gemini", [credential("gemini", "g1", "aaaa"), credential("gemini", "g2", "bbbb")]],
    ["anthropic", [credential("anthropic", "a1", "eeee")]],
    ["groq", [credential("groq", "q1", "ffff")]],
  ]),
  deployments: [
    deployment("deepseek", "deepseek-chat", ["chat"], 270_000, 1_100_000),
    deployment("gemini", "gemini-2.0-flash", ["chat"], 100_000, 400_000),
    deployment("anthropic", "claude-haiku", ["chat"], 800_000, 4_000_000),
    deployment("groq", "llama-3.1-8b", [], 50_000, 80_000),
  ],
};

function episode(state: "open" | "quarantined", scopeKey: string, providerId: string) {
  const [scope, scopeId] = scopeKey.split(":") as ["credential" | "provider", string];
  const base = {
    scopeKey,
    scope,
    scopeId,
    providerId,
    version: 1,
    lastErrorClass: state === "quarantined" ? ("permanent_auth" as const) : ("overloaded" as const),
    failures: 1,
    probes: 0,
    openedAt: NOW - 1_000,
  };
  return (
    state === "open" ? { ...base, state, retryAt: NOW + 60_000 } : { ...base, state }
  ) as BreakerSnapshot;
}

/** A registry as this instance would hold it: gemini's first key quarantined, groq's provider open. */
function registry(): BreakerRegistry {
  const r = new BreakerRegistry(DEFAULT_BREAKER_CONFIG, () => {});
  r.adopt(episode("quarantined", credentialScopeKey("g1"), "gemini"), "replace", NOW);
  r.adopt(episode("open", providerScopeKey("groq"), "groq"), "replace", NOW);
  return r;
}

/**
 * What the gateway itself does with the same request: plan the candidates, then walk
 * them the way the failover loop does (admit, or skip with the breaker's reason).
 */
function gatewayWalk(
  request: Partial<ChatCompletionRequest> & { model: string },
  allowedModels: string[] = [],
) {
  const skipped: { provider: string; credential: string; reason: string }[] = [];
  const breakers = registry();
  const walked: { model: string; credential: string; skipped: string | null }[] = [];
  let planned;
  try {
    planned = planCandidates(
      { catalog: () => catalog, adapters: PROVIDER_ADAPTERS },
      { allowedModels },
      {
        messages: [{ role: "user", content: "x".repeat(PREVIEW_TOKENS.inputTokens * 4) }],
        max_tokens: PREVIEW_TOKENS.outputTokens,
        ...request,
      },
      PREVIEW_TOKENS,
      0,
      skipped,
    );
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return { walked, skipped, error: err.message };
  }
  for (const c of planned) {
    const admitted = breakers.admit(c, NOW) !== null;
    walked.push({
      model: c.deployment.publicName,
      credential: `${c.credential.label} …${c.credential.last4}`,
      skipped: admitted ? null : breakers.blockedReason(c),
    });
  }
  return { walked, skipped, error: null };
}

function preview(query: Parameters<typeof routingPreview>[0]) {
  return routingPreview(query, { catalog, breakers: registry(), now: NOW });
}

describe("routing preview", () => {
  it("ranks by price and skips by breaker exactly as the gateway does, and picks the first usable", () => {
    const p = preview({ model: "auto" });
    expect(p.candidates.map((c) => [c.model, c.credential, c.skipped])).toEqual([
      ["groq/llama-3.1-8b", "groq-q1 …ffff", "provider open (overloaded)"],
      ["gemini/gemini-2.0-flash", "gemini-g1 …aaaa", "credential quarantined (permanent_auth)"],
      ["gemini/gemini-2.0-flash", "gemini-g2 …bbbb", null],
      ["deepseek/deepseek-chat", "deepseek-s1 …cccc", null],
      ["anthropic/claude-haiku", "anthropic-a1 …eeee", null],
    ]);
    expect(p.chosen?.credential).toBe("gemini-g2 …bbbb");
    expect(p.candidates.map((c) => c.breakerState)).toEqual([
      "open",
      "quarantined",
      "closed",
      "closed",
      "closed",
    ]);
    // 1,000 x 100,000 + 256 x 400,000 pico-dollars: exact, and 202 to the nearest micro-dollar.
    expect(p.candidates[1]).toMatchObject({
      expectedCostPicos: 202_400_000,
      expectedCostMicros: 202,
    });
  });

  it("agrees with the gateway on order and skips, with capability and allowed-model filters", () => {
    const cases: {
      query: Parameters<typeof routingPreview>[0];
      request: Partial<ChatCompletionRequest> & { model: string };
    }[] = [
      { query: { model: "auto" }, request: { model: "auto" } },
      { query: { model: "chat" }, request: { model: "chat" } },
      {
        query: { model: "chat", jsonSchema: true },
        request: {
          model: "chat",
          response_format: {
            type: "json_schema",
            json_schema: { name: "preview", schema: { type: "object" } },
          },
        },
      },
      { query: { model: "auto", n: 2 }, request: { model: "auto", n: 2 } },
      {
        query: { model: "auto", allowedModels: ["deepseek/deepseek-chat", "groq/llama-3.1-8b"] },
        request: { model: "auto" },
      },
      { query: { model: "nope" }, request: { model: "nope" } },
      {
        query: { model: "chat", allowedModels: ["groq/llama-3.1-8b"] },
        request: { model: "chat" },
      },
    ];
    for (const { query, request } of cases) {
      const gateway = gatewayWalk(request, query.allowedModels);
      const p = preview(query);
      const ranked = p.candidates.filter((c) => c.credentialId !== null);
      expect(
        ranked.map((c) => ({ model: c.model, credential: c.credential, skipped: c.skipped })),
      ).toEqual(gateway.walked);
      expect(p.candidates.filter((c) => c.credentialId === null).map((c) => c.skipped)).toEqual(
        gateway.skipped.map((s) => s.reason),
      );
      expect(p.error).toBe(gateway.error);
      expect(p.chosen?.credential ?? null).toBe(
        gateway.walked.find((w) => w.skipped === null)?.credential ?? null,
      );
    }
  });

  it("shows a deployment that cannot serve the request with the gateway's reason", () => {
    const p = preview({ model: "chat", jsonSchema: true });
    expect(
      p.candidates.filter((c) => c.skipped?.includes("json_schema")).map((c) => c.model),
    ).toEqual(["deepseek/deepseek-chat", "anthropic/claude-haiku"]);
    expect(p.chosen?.model).toBe("gemini/gemini-2.0-flash");
  });

  it("answers for an alias or an exact name only with the deployments behind it", () => {
    expect(preview({ model: "chat" }).candidates.map((c) => c.deploymentId)).toEqual([
      "gemini-gemini-2.0-flash",
      "gemini-gemini-2.0-flash",
      "deepseek-deepseek-chat",
      "anthropic-claude-haiku",
    ]);
    expect(preview({ model: "deepseek/deepseek-chat" }).chosen?.deploymentId).toBe(
      "deepseek-deepseek-chat",
    );
    const unknown = preview({ model: "nope" });
    expect(unknown.chosen).toBeNull();
    expect(unknown.error).toContain("'nope' does not exist");
  });

  it("asks the breakers without taking a probe slot", () => {
    const breakers = registry();
    const opened = episode("open", credentialScopeKey("s1"), "deepseek");
    breakers.adopt({ ...opened, retryAt: NOW - 1 } as BreakerSnapshot, "replace", NOW);
    for (let i = 0; i < 3; i++) {
      const p = routingPreview(
        { model: "deepseek/deepseek-chat" },
        { catalog, breakers, now: NOW },
      );
      expect(p.chosen?.credential).toBe("deepseek-s1 …cccc");
    }
  });
});
