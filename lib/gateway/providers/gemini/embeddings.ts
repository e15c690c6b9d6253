import type { EmbeddingsRequest } from "@/lib/gateway/embeddings-request";
import { embeddingInputs } from "@/lib/gateway/embeddings-request";
import type { AdapterContext, EmbeddingAdapter } from "@/lib/gateway/providers/types";
import {
  MAX_EMBEDDINGS_ANSWER_BYTES,
  brokenEmbeddingsAnswer,
  encodeEmbedding,
} from "../embedding-vector";
import { GeminiUsageMetadata } from "./schemas";
import { readGeminiUsage } from "./usage";

/**
 * OpenAI's Embeddings request to Gemini's `models/{model}:batchEmbedContents` (Gemini API
 * reference, "Embeddings": `requests[]` of `{model, content.parts[].text,
 * outputDimensionality}`, answered by `embeddings[].values` in request order), and the
 * answer back as OpenAI's `list` of embeddings. `dimensions` becomes
 * `outputDimensionality`; `user` has no Gemini counterpart and is dropped. The vectors
 * are passed on as Gemini computes them (below its full 3072 dimensions Gemini does not
 * normalise them). Gemini reports no token counts: the usage is left to the meter, which
 * counts the inputs (see RoutedWork.withUsage).
 */
export const geminiEmbeddings: EmbeddingAdapter = {
  maxAnswerBytes: MAX_EMBEDDINGS_ANSWER_BYTES,

  buildCall(ctx: AdapterContext<EmbeddingsRequest>) {
    const id = ctx.upstreamModel.replace(/^models\//, "");
    const dimensions = ctx.request.dimensions;
    const requests = embeddingInputs(ctx.request).map((input) => {
      // The planner sends token arrays to OpenAI's own models only (embedding-capabilities.ts).
      if (typeof input !== "string") throw new Error("a token array cannot go to Gemini");
      return {
        model: `models/${id}`,
        content: { parts: [{ text: input }] },
        ...(dimensions ? { outputDimensionality: dimensions } : {}),
      };
    });
    return {
      url: `${ctx.baseUrl.replace(/\/+$/, "")}/v1beta/models/${encodeURIComponent(id)}:batchEmbedContents`,
      headers: {
        "x-goog-api-key": ctx.apiKey,
        "content-type": "application/json",
        accept: "application/json",
      },
      body: JSON.stringify({ requests }),
    };
  },

  parseResponse(json, ctx) {
    const body = (json && typeof json === "object" ? json : {}) as Record<string, unknown>;
    if (body.error !== undefined && body.error !== null)
      return { completion: body, usage: null, text: "", error: { body: { error: body.error } } };
    const expected = embeddingInputs(ctx.request).length;
    const embeddings = Array.isArray(body.embeddings) ? body.embeddings : null;
    const vectors = embeddings?.map((e) =>
      e && typeof e === "object" && Array.isArray((e as { values?: unknown }).values)
        ? ((e as { values: unknown[] }).values as number[])
        : null,
    );
    if (!vectors || vectors.length !== expected || vectors.some((v) => v === null)) {
      const got = vectors ? `${vectors.length} embeddings` : "no embeddings";
      return {
        completion: body,
        usage: null,
        text: "",
        error: brokenEmbeddingsAnswer(`${got} for ${expected} inputs`),
      };
    }
    const format = ctx.request.encoding_format;
    // Not documented for batchEmbedContents today; read should Google start sending it.
    const meta = GeminiUsageMetadata.safeParse(body.usageMetadata);
    return {
      completion: {
        object: "list",
        data: vectors.map((values, index) => ({
          object: "embedding",
          index,
          embedding: encodeEmbedding(values!, format),
        })),
        model: ctx.upstreamModel.replace(/^models\//, ""),
      },
      usage: meta.success ? (readGeminiUsage(meta.data)?.usage ?? null) : null,
      text: "",
    };
  },
};
