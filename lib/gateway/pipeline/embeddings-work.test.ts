import { describe, expect, it } from "vitest";
import { EMPTY_CATALOG } from "@/lib/gateway/catalog";
import { countTokens } from "@/lib/gateway/metering/count-tokens";
import { embeddingsWork, withEmbeddingUsage } from "./embeddings-work";

const usage = { promptTokens: 7, completionTokens: 0, cachedTokens: 0 };

describe("embeddings work", () => {
  it("is metered on input alone: no output reserved, one context window per input", async () => {
    const work = embeddingsWork(
      { catalog: () => EMPTY_CATALOG },
      {
        kind: "embedding",
        request: { model: "text-embedding-3-small", input: ["hello world", "again"] },
        estimate: { inputTokens: 20, outputTokens: 0 },
      },
    );
    expect(work.metered).toMatchObject({
      model: "text-embedding-3-small",
      stream: false,
      maxOutputTokens: 0,
      inputs: 2,
    });
    expect(work.job.stream).toBe(false);
    expect(await work.metered.countPromptTokens()).toBe(
      (await countTokens("hello world")) + (await countTokens("again")),
    );
  });

  it("counts a token array by its length", async () => {
    const work = embeddingsWork(
      { catalog: () => EMPTY_CATALOG },
      {
        kind: "embedding",
        request: { model: "m", input: [[1, 2, 3], [4]] },
        estimate: { inputTokens: 5, outputTokens: 0 },
      },
    );
    expect(await work.metered.countPromptTokens()).toBe(4);
  });

  it("has no translator for Anthropic", () => {
    const work = embeddingsWork(
      { catalog: () => EMPTY_CATALOG },
      {
        kind: "embedding",
        request: { model: "m", input: "x" },
        estimate: { inputTokens: 1, outputTokens: 0 },
      },
    );
    expect(() => work.job.adapterFor("anthropic")).toThrow(/no embeddings translator/);
    expect(work.job.adapterFor("gemini")).toBeDefined();
  });
});

describe("the gateway's count in an answer without usage", () => {
  it("is added as OpenAI's usage, the answer otherwise unchanged", () => {
    const body = JSON.stringify({ object: "list", data: [{ embedding: [1] }], model: "m" });
    const out = JSON.parse(withEmbeddingUsage(body, usage));
    expect(out).toEqual({
      ...JSON.parse(body),
      usage: { prompt_tokens: 7, total_tokens: 7 },
    });
    expect(JSON.parse(withEmbeddingUsage("{}", usage))).toEqual({
      usage: { prompt_tokens: 7, total_tokens: 7 },
    });
  });
});
