import type { EmbeddingsRequest } from "@/lib/gateway/embeddings-request";
import { embeddingInputs } from "@/lib/gateway/embeddings-request";
import type { AdapterContext, EmbeddingAdapter } from "@/lib/gateway/providers/types";
import { MAX_EMBEDDINGS_ANSWER_BYTES, brokenEmbeddingsAnswer } from "../embedding-vector";
import { readOpenAIUsage } from "./usage";

/**
 * OpenAI's Embeddings API (API reference, "Create embeddings": `POST {base}/embeddings`,
 * answered by "The embedding object" list) passed through to any OpenAI-compatible
 * provider: the caller's body with the upstream model id swapped in, the answer as the
 * upstream wrote it. An answer with an `error`, without `data`, or with a vector count
 * other than the inputs' is a failure, classified like any other.
 */
export const openAICompatibleEmbeddings: EmbeddingAdapter = {
  maxAnswerBytes: MAX_EMBEDDINGS_ANSWER_BYTES,

  buildCall(ctx: AdapterContext<EmbeddingsRequest>) {
    return {
      url: `${ctx.baseUrl.replace(/\/+$/, "")}/embeddings`,
      headers: {
        authorization: `Bearer ${ctx.apiKey}`,
        "content-type": "application/json",
        accept: "application/json",
      },
      body: JSON.stringify({ ...ctx.request, model: ctx.upstreamModel }),
    };
  },

  parseResponse(json, ctx) {
    const body = (json && typeof json === "object" ? json : {}) as Record<string, unknown>;
    const usage = readOpenAIUsage(body.usage);
    if (body.error !== undefined && body.error !== null)
      return { completion: body, usage, text: "", error: { body: { error: body.error } } };
    const expected = embeddingInputs(ctx.request).length;
    if (!Array.isArray(body.data) || body.data.length !== expected) {
      const got = Array.isArray(body.data) ? `${body.data.length} vectors` : "no data";
      return {
        completion: body,
        usage,
        text: "",
        error: brokenEmbeddingsAnswer(`${got} for ${expected} inputs`),
      };
    }
    return { completion: body, usage, text: "" };
  },
};
