import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/errors";
import type { Catalog, CatalogDeployment, CatalogProvider } from "@/lib/gateway/catalog";
import type { ChatCompletionRequest } from "@/lib/gateway/chat-request";
import { PROVIDER_ADAPTERS } from "@/lib/gateway/providers/adapters";
import type { ProviderKind } from "@/lib/gateway/providers/registry";
import type { TenantKey } from "@/lib/gateway/keys/tenant-key";
import { planCandidates } from "./plan-candidates";

function provider(id: string, kind: ProviderKind): CatalogProvider {
  return { id, name: id, kind, baseUrl: `http://${id}.test`, enabled: true, simulated: true };
}

function deployment(
  providerId: string,
  model: string,
  price: number,
  contextWindow: number | null = 128_000,
): CatalogDeployment {
  return {
    id: `${providerId}-${model}`,
    providerId,
    model,
    publicName: `${providerId}/${model}`,
    aliases: ["chat"],
    inputPricePer1MMicros: price,
    outputPricePer1MMicros: price,
    cachedInputPricePer1MMicros: null,
    contextWindow,
    kind: "chat",
  };
}

const providers = [
  provider("deepseek", "openai_compatible"),
  provider("anthropic", "anthropic"),
  provider("openai", "openai_compatible"),
  provider("gemini", "gemini"),
];
const catalog: Catalog = {
  providers: new Map(providers.map((p) => [p.id, p])),
  credentialsByProvider: new Map(
    providers.map((p) => [
      p.id,
      [
        {
          id: `${p.id}-c`,
          providerId: p.id,
          label: `${p.id}-key`,
          apiKey: "k",
          last4: "k",
          simulated: true,
        },
      ],
    ]),
  ),
  deployments: [
    deployment("deepseek", "deepseek-chat", 1, 64_000),
    deployment("anthropic", "claude", 2, 200_000),
    deployment("gemini", "gemini-flash", 3, 1_000_000),
    deployment("openai", "gpt-4o", 4),
  ],
};
const deps = { catalog: () => catalog, adapters: PROVIDER_ADAPTERS };
const key = { allowedModels: [] } as unknown as TenantKey;
const estimate = { inputTokens: 10, outputTokens: 10 };

function plan(
  req: Partial<ChatCompletionRequest>,
  skipped: { provider: string; credential: string; reason: string }[] = [],
) {
  const request: ChatCompletionRequest = {
    model: "chat",
    messages: [{ role: "user", content: "Hi" }],
    ...req,
  };
  return planCandidates(deps, key, request, estimate, 0, skipped).map((c) => c.provider.id);
}

const image = { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } };

describe("candidates filtered by capability before ranking", () => {
  it("keeps every deployment, cheapest first, for a plain request", () => {
    expect(plan({})).toEqual(["deepseek", "anthropic", "gemini", "openai"]);
  });

  it("skips deployments that cannot serve images, json_schema or n, with the reason in the trail", () => {
    const skipped: { provider: string; credential: string; reason: string }[] = [];
    expect(plan({ messages: [{ role: "user", content: [image] }] }, skipped)).toEqual([
      "anthropic",
      "gemini",
      "openai",
    ]);
    expect(skipped).toEqual([
      {
        provider: "deepseek",
        credential: "*",
        reason: "deepseek/deepseek-chat does not accept images",
      },
    ]);
    expect(
      plan({
        response_format: {
          type: "json_schema",
          json_schema: { name: "x", schema: { type: "object" } },
        },
      }),
    ).toEqual(["gemini", "openai"]);
    // Gemini takes n as candidateCount, up to 8; Anthropic and DeepSeek answer one choice.
    expect(plan({ n: 3 })).toEqual(["gemini", "openai"]);
    expect(plan({ n: 9 })).toEqual(["openai"]);
  });

  it("skips deployments whose catalogued context window is too small", () => {
    const long = "word ".repeat(120_000); // ~150k tokens: over 64k and 128k, under 200k
    expect(plan({ messages: [{ role: "user", content: long }] })).toEqual(["anthropic", "gemini"]);
  });

  it("answers 400 naming the parameter when no deployment can serve it", () => {
    const noOpenAI = {
      ...catalog,
      deployments: catalog.deployments.filter((d) => d.providerId !== "openai"),
    };
    const refused = (req: Partial<ChatCompletionRequest>): ApiError => {
      try {
        planCandidates(
          { ...deps, catalog: () => noOpenAI },
          key,
          { model: "chat", messages: [{ role: "user", content: "Hi" }], ...req },
          estimate,
          0,
        );
      } catch (err) {
        if (err instanceof ApiError) return err;
        throw err;
      }
      throw new Error("expected a 400");
    };
    const n = refused({ n: 9 });
    expect([n.status, n.param]).toEqual([400, "n"]);
    expect(n.message).toContain("anthropic/claude returns at most 1 choice");
    expect(n.message).toContain("returns at most 8 choices");
    const onlyDeepSeek = {
      ...catalog,
      deployments: catalog.deployments.filter((d) => d.providerId === "deepseek"),
    };
    expect(() =>
      planCandidates(
        { ...deps, catalog: () => onlyDeepSeek },
        key,
        { model: "chat", messages: [{ role: "user", content: [image] }] },
        estimate,
        0,
      ),
    ).toThrow(/deepseek\/deepseek-chat does not accept images/);
  });
});
