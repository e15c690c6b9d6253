import { describe, expect, it } from "vitest";
import { refusal } from "@/lib/testing/refusal";
import type {
  Catalog,
  CatalogDeployment,
  CatalogProvider,
  DeploymentKind,
} from "@/lib/gateway/catalog";
import type { EmbeddingsRequest } from "@/lib/gateway/embeddings-request";
import { PROVIDER_ADAPTERS } from "@/lib/gateway/providers/adapters";
import type { ProviderKind } from "@/lib/gateway/providers/registry";
import { planCandidates } from "./plan-candidates";
import { planEmbeddingCandidates } from "./plan-embedding-candidates";
import type { Skipped } from "./no-provider-answer";

function provider(id: string, kind: ProviderKind): CatalogProvider {
  return { id, name: id, kind, baseUrl: `http://${id}.test`, enabled: true, simulated: true };
}

function deployment(
  providerId: string,
  model: string,
  kind: DeploymentKind,
  price: number,
  aliases: string[] = [],
): CatalogDeployment {
  return {
    id: `${providerId}-${model}`,
    providerId,
    model,
    publicName: `${providerId}/${model}`,
    aliases,
    inputPricePer1MMicros: price,
    outputPricePer1MMicros: kind === "chat" ? price : 0,
    cachedInputPricePer1MMicros: null,
    contextWindow: 8_191,
    kind,
  };
}

const providers = [
  provider("openai", "openai_compatible"),
  provider("openrouter", "openai_compatible"),
  provider("gemini", "gemini"),
  provider("anthropic", "anthropic"),
];

function catalogOf(deployments: CatalogDeployment[]): Catalog {
  return {
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
    deployments,
  };
}

// Shaped like the default catalogue: one model at two providers under one alias.
const catalog = catalogOf([
  deployment("openai", "gpt-4o-mini", "chat", 150, ["gpt-4o-mini"]),
  deployment("openai", "text-embedding-3-small", "embedding", 20, ["text-embedding-3-small"]),
  deployment("openrouter", "openai/text-embedding-3-small", "embedding", 20, [
    "text-embedding-3-small",
  ]),
  deployment("openai", "text-embedding-3-large", "embedding", 130, ["text-embedding-3-large"]),
  deployment("gemini", "gemini-embedding-001", "embedding", 150, ["gemini-embedding-001"]),
  // A misconfigured row: Anthropic has no embeddings API, so it must never be tried.
  deployment("anthropic", "text-embedding-3-small", "embedding", 1, ["text-embedding-3-small"]),
]);
const estimate = { inputTokens: 10, outputTokens: 0 };

function plan(
  request: Partial<EmbeddingsRequest>,
  allowedModels: string[] = [],
  skipped: Skipped[] = [],
  from: Catalog = catalog,
) {
  return planEmbeddingCandidates(
    from,
    { allowedModels },
    { model: "text-embedding-3-small", input: "hello", ...request },
    estimate,
    0,
    skipped,
  ).map((c) => c.deployment.publicName);
}

describe("embedding candidates", () => {
  it("fail over between the deployments of one model only, never to Anthropic", () => {
    expect(plan({})).toEqual([
      "openai/text-embedding-3-small",
      "openrouter/openai/text-embedding-3-small",
    ]);
    expect(plan({ model: "gemini/gemini-embedding-001" })).toEqual(["gemini/gemini-embedding-001"]);
  });

  it("refuse a name that spans two models, naming both", () => {
    const spanning = catalogOf([
      ...catalog.deployments,
      deployment("gemini", "gemini-embedding-001", "embedding", 150, ["embed"]),
      deployment("openai", "text-embedding-3-large", "embedding", 130, ["embed"]),
    ]);
    const err = refusal(() => plan({ model: "embed" }, [], [], spanning));
    expect([err.status, err.param]).toEqual([400, "model"]);
    expect(err.message).toContain("gemini-embedding-001, text-embedding-3-large");
  });

  it("refuse `auto` unless the key narrows it to one model", () => {
    const err = refusal(() => plan({ model: "auto" }));
    expect([err.status, err.param]).toEqual([400, "model"]);
    expect(err.message).toMatch(/names 3 embedding models/);
    expect(plan({ model: "auto" }, ["text-embedding-3-small"])).toEqual([
      "openai/text-embedding-3-small",
      "openrouter/openai/text-embedding-3-small",
    ]);
  });

  it("send token arrays to OpenAI's own models only, with the others in the trail", () => {
    const skipped: Skipped[] = [];
    expect(plan({ input: [[1, 2, 3]] }, [], skipped)).toEqual(["openai/text-embedding-3-small"]);
    expect(skipped).toEqual([
      {
        provider: "openrouter",
        credential: "*",
        reason:
          "openrouter/openai/text-embedding-3-small does not take token arrays (its tokenizer is not OpenAI's)",
      },
    ]);
    const err = refusal(() => plan({ model: "gemini-embedding-001", input: [1, 2, 3] }));
    expect([err.status, err.param]).toEqual([400, "input"]);
    expect(err.message).toContain("token arrays");
  });

  it("keep batches over 100 inputs away from Gemini", () => {
    const many = Array.from({ length: 101 }, (_, i) => `text ${i}`);
    const err = refusal(() => plan({ model: "gemini-embedding-001", input: many }));
    expect([err.status, err.param]).toEqual([400, "input"]);
    expect(err.message).toContain("at most 100 inputs");
    expect(plan({ model: "gemini-embedding-001", input: many.slice(0, 100) })).toHaveLength(1);
  });
});

describe("the kinds never cross", () => {
  const chat = (model: string) =>
    planCandidates(
      { catalog: () => catalog, adapters: PROVIDER_ADAPTERS },
      { allowedModels: [] },
      { model, messages: [{ role: "user", content: "Hi" }] },
      { inputTokens: 10, outputTokens: 10 },
      0,
    ).map((c) => c.deployment.publicName);

  it("routes chat's `auto` to chat deployments only, though embeddings are cheaper", () => {
    expect(chat("auto")).toEqual(["openai/gpt-4o-mini"]);
  });

  it("answers a chat request for an embedding model with a 400 saying where it belongs", () => {
    const err = refusal(() => chat("text-embedding-3-small"));
    expect([err.status, err.code, err.param]).toEqual([400, "model_not_found", "model"]);
    expect(err.message).toContain("is an embedding model: it serves /v1/embeddings");
  });

  it("answers an embeddings request for a chat model with a 400 saying where it belongs", () => {
    const err = refusal(() => plan({ model: "openai/gpt-4o-mini" }));
    expect([err.status, err.code, err.param]).toEqual([400, "model_not_found", "model"]);
    expect(err.message).toContain("is a chat model");
  });
});
