import { describe, expect, it } from "vitest";
import type { EmbeddingsRequest } from "@/lib/gateway/embeddings-request";
import type { AdapterContext } from "@/lib/gateway/providers/types";
import { openAICompatibleEmbeddings } from "./embeddings";

const ctx = (request: Partial<EmbeddingsRequest> = {}): AdapterContext<EmbeddingsRequest> => ({
  providerId: "openrouter",
  baseUrl: "https://openrouter.ai/api/v1/",
  apiKey: "sk-or-1",
  upstreamModel: "openai/text-embedding-3-small",
  request: { model: "text-embedding-3-small", input: ["a", "b"], ...request },
  stream: false,
});

// OpenAI API reference, "Create embeddings": the answer of a two-input request.
const answer = {
  object: "list",
  data: [
    { object: "embedding", index: 0, embedding: [0.1, 0.2] },
    { object: "embedding", index: 1, embedding: [0.3, 0.4] },
  ],
  model: "text-embedding-3-small",
  usage: { prompt_tokens: 2, total_tokens: 2 },
};

describe("OpenAI-compatible embeddings", () => {
  it("passes the caller's body through with the upstream model swapped in", () => {
    const call = openAICompatibleEmbeddings.buildCall(
      ctx({ dimensions: 256, encoding_format: "base64", user: "u1", extra: 1 }),
    );
    expect(call.url).toBe("https://openrouter.ai/api/v1/embeddings");
    expect(call.headers.authorization).toBe("Bearer sk-or-1");
    expect(JSON.parse(call.body)).toEqual({
      model: "openai/text-embedding-3-small",
      input: ["a", "b"],
      dimensions: 256,
      encoding_format: "base64",
      user: "u1",
      extra: 1,
    });
  });

  it("returns the answer as the upstream wrote it, with its usage", () => {
    const parsed = openAICompatibleEmbeddings.parseResponse(answer, ctx());
    expect(parsed.completion).toBe(answer);
    expect(parsed.usage).toEqual({ promptTokens: 2, completionTokens: 0, cachedTokens: 0 });
    expect(parsed.error).toBeUndefined();
  });

  it("takes an error, a missing data list or a vector count other than the inputs' as a failure", () => {
    const error = { error: { message: "overloaded", type: "server_error", code: null } };
    expect(openAICompatibleEmbeddings.parseResponse(error, ctx()).error).toEqual({ body: error });
    expect(openAICompatibleEmbeddings.parseResponse({ object: "list" }, ctx()).error).toBeDefined();
    const short = { ...answer, data: answer.data.slice(0, 1) };
    expect(JSON.stringify(openAICompatibleEmbeddings.parseResponse(short, ctx()).error)).toContain(
      "1 vectors for 2 inputs",
    );
  });
});
