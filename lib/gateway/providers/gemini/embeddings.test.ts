import { describe, expect, it } from "vitest";
import type { EmbeddingsRequest } from "@/lib/gateway/embeddings-request";
import type { AdapterContext } from "@/lib/gateway/providers/types";
import { geminiEmbeddings } from "./embeddings";

const ctx = (request: Partial<EmbeddingsRequest> = {}): AdapterContext<EmbeddingsRequest> => ({
  providerId: "gemini",
  baseUrl: "https://generativelanguage.googleapis.com",
  apiKey: "AIza-1",
  upstreamModel: "gemini-embedding-001",
  request: { model: "gemini/gemini-embedding-001", input: ["first", "second"], ...request },
  stream: false,
});

// Gemini API reference, "Embeddings" (batchEmbedContents): one ContentEmbedding per request.
const answer = { embeddings: [{ values: [0.5, -0.25] }, { values: [1, 0] }] };

describe("Gemini embeddings", () => {
  it("sends one request per input to batchEmbedContents, dimensions as outputDimensionality", () => {
    const call = geminiEmbeddings.buildCall(ctx({ dimensions: 768, user: "u1" }));
    expect(call.url).toBe(
      "https://generativelanguage.googleapis.com/v1beta/models/gemini-embedding-001:batchEmbedContents",
    );
    expect(call.headers["x-goog-api-key"]).toBe("AIza-1");
    expect(call.url).not.toContain("AIza");
    expect(JSON.parse(call.body)).toEqual({
      requests: [
        {
          model: "models/gemini-embedding-001",
          content: { parts: [{ text: "first" }] },
          outputDimensionality: 768,
        },
        {
          model: "models/gemini-embedding-001",
          content: { parts: [{ text: "second" }] },
          outputDimensionality: 768,
        },
      ],
    });
    expect(JSON.parse(geminiEmbeddings.buildCall(ctx({ input: "one" })).body).requests[0]).toEqual({
      model: "models/gemini-embedding-001",
      content: { parts: [{ text: "one" }] },
    });
  });

  it("answers OpenAI's list of embeddings, with no usage for the meter to fill in", () => {
    const parsed = geminiEmbeddings.parseResponse(answer, ctx());
    expect(parsed.error).toBeUndefined();
    expect(parsed.usage).toBeNull();
    expect(parsed.completion).toEqual({
      object: "list",
      data: [
        { object: "embedding", index: 0, embedding: [0.5, -0.25] },
        { object: "embedding", index: 1, embedding: [1, 0] },
      ],
      model: "gemini-embedding-001",
    });
  });

  it("encodes base64 as little-endian float32, as OpenAI does", () => {
    const parsed = geminiEmbeddings.parseResponse(answer, ctx({ encoding_format: "base64" }));
    const first = (parsed.completion.data as { embedding: string }[])[0]!.embedding;
    const bytes = Buffer.from(first, "base64");
    expect(bytes).toHaveLength(8);
    expect([bytes.readFloatLE(0), bytes.readFloatLE(4)]).toEqual([0.5, -0.25]);
  });

  it("takes an error or a count other than the inputs' as a failure", () => {
    const error = { error: { code: 503, message: "overloaded", status: "UNAVAILABLE" } };
    expect(geminiEmbeddings.parseResponse(error, ctx()).error).toEqual({ body: error });
    expect(
      JSON.stringify(geminiEmbeddings.parseResponse({ embeddings: [answer.embeddings[0]] }, ctx())),
    ).toContain("1 embeddings for 2 inputs");
    expect(geminiEmbeddings.parseResponse({ embeddings: [{}, {}] }, ctx()).error).toBeDefined();
  });
});
