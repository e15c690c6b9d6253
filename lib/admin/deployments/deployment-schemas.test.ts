import { describe, expect, it } from "vitest";
import { describeIssue } from "@/lib/http/describe-issue";
import { DeploymentCreateSchema, DeploymentUpdateSchema } from "./deployment-schemas";

const chat = {
  provider: "deepseek",
  model: "deepseek-reasoner",
  inputPricePer1MMicros: 550_000,
  outputPricePer1MMicros: 2_190_000,
};

/** The API's message for what a schema refuses, as the admin route would answer it. */
function refusal(
  schema: typeof DeploymentCreateSchema | typeof DeploymentUpdateSchema,
  v: unknown,
) {
  const result = schema.safeParse(v);
  if (result.success) throw new Error("accepted");
  return describeIssue(result.error.issues[0]!, schema);
}

describe("DeploymentCreateSchema", () => {
  it("defaults kind to chat, aliases to none and enabled to true", () => {
    expect(DeploymentCreateSchema.parse(chat)).toEqual({
      ...chat,
      kind: "chat",
      aliases: [],
      enabled: true,
    });
  });

  it("trims the names it is given", () => {
    const parsed = DeploymentCreateSchema.parse({
      ...chat,
      provider: " deepseek ",
      model: " deepseek-reasoner ",
      aliases: [" reasoner "],
    });
    expect(parsed).toMatchObject({
      provider: "deepseek",
      model: "deepseek-reasoner",
      aliases: ["reasoner"],
    });
  });

  it("takes model ids as providers spell them", () => {
    for (const model of [
      "meta-llama/llama-3.3-70b-instruct",
      "claude-3-5-sonnet@20240620",
      "accounts/fireworks/models/llama-v3p1-8b-instruct",
      "models/text-embedding-004",
    ])
      expect(DeploymentCreateSchema.safeParse({ ...chat, model }).success).toBe(true);
  });

  it("refuses a model id with whitespace or control characters", () => {
    for (const model of ["deepseek chat", "deepseek\tchat", "deepseek\u0000chat", ""])
      expect(refusal(DeploymentCreateSchema, { ...chat, model }).param).toBe("model");
  });

  it("refuses a negative, fractional or absurd price, naming the field", () => {
    expect(refusal(DeploymentCreateSchema, { ...chat, inputPricePer1MMicros: -1 })).toEqual({
      param: "inputPricePer1MMicros",
      message:
        "Invalid value for 'inputPricePer1MMicros': must be 0 or more (micro-dollars per 1M tokens)",
    });
    expect(refusal(DeploymentCreateSchema, { ...chat, outputPricePer1MMicros: 1.5 }).message).toBe(
      "Invalid value for 'outputPricePer1MMicros': must be a whole number of micro-dollars per 1M tokens",
    );
    expect(
      refusal(DeploymentCreateSchema, { ...chat, cachedInputPricePer1MMicros: 10 ** 13 }).param,
    ).toBe("cachedInputPricePer1MMicros");
    expect(refusal(DeploymentCreateSchema, { ...chat, billedPricePer1MMicros: "5" }).param).toBe(
      "billedPricePer1MMicros",
    );
  });

  it("takes null for the optional prices and the context window", () => {
    const parsed = DeploymentCreateSchema.parse({
      ...chat,
      cachedInputPricePer1MMicros: null,
      cacheWritePricePer1MMicros: null,
      billedPricePer1MMicros: null,
      contextWindow: null,
    });
    expect(parsed.cachedInputPricePer1MMicros).toBeNull();
    expect(parsed.contextWindow).toBeNull();
  });

  it("requires the output price of a chat deployment, not of an embedding one", () => {
    const { outputPricePer1MMicros: _, ...noOutput } = chat;
    expect(refusal(DeploymentCreateSchema, noOutput)).toEqual({
      param: "outputPricePer1MMicros",
      message: "Invalid value for 'outputPricePer1MMicros': is required for a chat deployment",
    });
    expect(
      DeploymentCreateSchema.parse({ ...noOutput, kind: "embedding" }).outputPricePer1MMicros,
    ).toBeUndefined();
  });

  it("refuses a kind other than chat or embedding", () => {
    expect(refusal(DeploymentCreateSchema, { ...chat, kind: "image" })).toEqual({
      param: "kind",
      message: "Invalid value for 'kind': kind is 'chat' or 'embedding'",
    });
  });

  it("refuses aliases that are empty, contain '/' or spaces, repeat, or are 'auto'", () => {
    for (const aliases of [[""], ["openai/gpt-4o"], ["my model"], ["a", "a"], ["auto"], ["-x"]])
      expect(refusal(DeploymentCreateSchema, { ...chat, aliases }).param).toMatch(/^aliases/);
    expect(refusal(DeploymentCreateSchema, { ...chat, aliases: ["auto"] }).message).toContain(
      "'auto' is the gateway's own name",
    );
    expect(
      DeploymentCreateSchema.parse({ ...chat, aliases: ["r1", "deepseek-r1:latest", "x.y@2"] })
        .aliases,
    ).toHaveLength(3);
  });

  it("refuses a context window that is not a positive whole number of tokens", () => {
    for (const contextWindow of [0, -5, 1.5, 10 ** 9])
      expect(refusal(DeploymentCreateSchema, { ...chat, contextWindow }).param).toBe(
        "contextWindow",
      );
  });

  it("names an unknown field and lists the known ones", () => {
    const { param, message } = refusal(DeploymentCreateSchema, { ...chat, price: 5 });
    expect(param).toBe("price");
    expect(message).toContain("Known fields: provider, model, aliases, kind");
  });
});

describe("DeploymentUpdateSchema", () => {
  it("leaves omitted fields undefined, so a PATCH changes only what it sends", () => {
    expect(DeploymentUpdateSchema.parse({ enabled: false })).toEqual({ enabled: false });
    expect(DeploymentUpdateSchema.parse({ aliases: [] })).toEqual({ aliases: [] });
  });

  it("refuses an empty change and the same bad values as create", () => {
    expect(refusal(DeploymentUpdateSchema, {}).message).toBe("send at least one field to change");
    expect(refusal(DeploymentUpdateSchema, { outputPricePer1MMicros: -3 }).param).toBe(
      "outputPricePer1MMicros",
    );
    expect(refusal(DeploymentUpdateSchema, { kind: "rerank" }).param).toBe("kind");
    expect(refusal(DeploymentUpdateSchema, { enabled: "yes" }).param).toBe("enabled");
  });
});
