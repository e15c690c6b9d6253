import { describe, expect, it } from "vitest";
import { routingPreview } from "./routing-preview";
import type { RoutingInputs } from "@/lib/data/deployments/list-routing-inputs";

const inputs: RoutingInputs = {
  deployments: [
    {
      id: "d1",
      providerId: "deepseek",
      model: "deepseek-chat",
      aliases: ["chat"],
      enabled: true,
      inputPricePer1MMicros: 270_000,
      outputPricePer1MMicros: 1_100_000,
    },
    {
      id: "d2",
      providerId: "gemini",
      model: "gemini-2.0-flash",
      aliases: ["chat"],
      enabled: true,
      inputPricePer1MMicros: 100_000,
      outputPricePer1MMicros: 400_000,
    },
    {
      id: "d3",
      providerId: "openai",
      model: "gpt-4o-mini",
      aliases: [],
      enabled: false,
      inputPricePer1MMicros: 50_000,
      outputPricePer1MMicros: 100_000,
    },
  ],
  providers: [
    { id: "deepseek", name: "DeepSeek", enabled: true },
    { id: "gemini", name: "Gemini", enabled: true },
    { id: "openai", name: "OpenAI", enabled: true },
  ],
  credentials: [
    { id: "g1", providerId: "gemini", label: "gemini-1", last4: "aaaa" },
    { id: "g2", providerId: "gemini", label: "gemini-2", last4: "bbbb" },
    { id: "s1", providerId: "deepseek", label: "deepseek-1", last4: "cccc" },
    { id: "o1", providerId: "openai", label: "openai-1", last4: "dddd" },
  ],
  breakers: [
    {
      scopeKey: "credential:g1",
      state: "quarantined",
      lastErrorClass: "permanent_auth",
      retryAt: null,
    },
  ],
};

describe("routing preview", () => {
  it("ranks by price, says why each skipped candidate is skipped, and picks the first usable", () => {
    const p = routingPreview("auto", inputs);
    expect(p.candidates.map((c) => [c.model, c.credential, c.skipped])).toEqual([
      ["openai/gpt-4o-mini", "openai-1 …dddd", "deployment disabled"],
      [
        "gemini/gemini-2.0-flash",
        "gemini-1 …aaaa",
        "credential quarantined (permanent auth): a person must close it",
      ],
      ["gemini/gemini-2.0-flash", "gemini-2 …bbbb", null],
      ["deepseek/deepseek-chat", "deepseek-1 …cccc", null],
    ]);
    expect(p.chosen?.credential).toBe("gemini-2 …bbbb");
    // 1,000 x 100,000 + 256 x 400,000 pico-dollars: exact, and 202 to the nearest micro-dollar.
    expect(p.candidates[1]).toMatchObject({
      expectedCostPicos: 202_400_000,
      expectedCostMicros: 202,
    });
  });
  it("answers for an alias or an exact name only with the deployments behind it", () => {
    expect(routingPreview("chat", inputs).candidates.map((c) => c.deploymentId)).toEqual([
      "d2",
      "d2",
      "d1",
    ]);
    expect(routingPreview("deepseek/deepseek-chat", inputs).chosen?.deploymentId).toBe("d1");
    expect(routingPreview("nope", inputs).chosen).toBeNull();
  });
});
