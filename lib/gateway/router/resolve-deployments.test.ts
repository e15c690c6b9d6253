import { describe, expect, it } from "vitest";
import { refusal } from "@/lib/testing/refusal";
import { EMPTY_CATALOG, type Catalog, type CatalogDeployment } from "@/lib/gateway/catalog";
import { isDeploymentAllowed, resolveDeployments } from "./resolve-deployments";

function deployment(providerId: string, model: string, aliases: string[] = []): CatalogDeployment {
  return {
    id: `${providerId}:${model}`,
    providerId,
    model,
    publicName: `${providerId}/${model}`,
    aliases,
    inputPricePer1MMicros: 1,
    outputPricePer1MMicros: 1,
    cachedInputPricePer1MMicros: null,
    contextWindow: null,
    kind: "chat",
  };
}

const mini = deployment("openai", "gpt-4o-mini", ["mini"]);
const gpt4o = deployment("openai", "gpt-4o");
const deepseek = deployment("deepseek", "deepseek-chat");
const catalog: Catalog = { ...EMPTY_CATALOG, deployments: [mini, gpt4o, deepseek] };
const resolve = (model: string, allowed: string[]) =>
  resolveDeployments(catalog, model, "chat", allowed, () => true).map((d) => d.publicName);

describe("isDeploymentAllowed", () => {
  it("grants by provider/model, alias, or the provider's wildcard", () => {
    expect(isDeploymentAllowed(mini, [])).toBe(true);
    expect(isDeploymentAllowed(mini, ["openai/gpt-4o-mini"])).toBe(true);
    expect(isDeploymentAllowed(mini, ["mini"])).toBe(true);
    expect(isDeploymentAllowed(mini, ["openai/*"])).toBe(true);
    expect(isDeploymentAllowed(deepseek, ["openai/*"])).toBe(false);
    // Only a whole provider: no prefix matching inside model names.
    expect(isDeploymentAllowed(mini, ["openai/gpt-4o*"])).toBe(false);
  });
});

describe("resolveDeployments with a provider wildcard", () => {
  it("routes auto among that provider's deployments only", () => {
    expect(resolve("auto", ["openai/*"])).toEqual(["openai/gpt-4o-mini", "openai/gpt-4o"]);
  });

  it("refuses another provider's model with 403 model_not_allowed", () => {
    const e = refusal(() => resolve("deepseek/deepseek-chat", ["openai/*"]));
    expect(e.status).toBe(403);
    expect(e.code).toBe("model_not_allowed");
  });
});
