import type { AdapterContext, ProviderAdapter, UpstreamCall } from "@/lib/gateway/providers/types";
import { inputRulesFor } from "../input-rules";
import { normalizeUpstreamBody } from "../normalize-upstream-body";
import { toGeminiRequest } from "./request";
import { parseGeminiResponse } from "./response";
import { createGeminiStreamTranslator } from "./stream";

/**
 * Google Gemini's native API (v1beta). The base URL is the API origin, in the
 * official SDK's convention (`https://generativelanguage.googleapis.com`); the key goes
 * in a header rather than `?key=`, so it never lands in a URL that might be logged.
 */
function buildCall(ctx: AdapterContext): UpstreamCall {
  const base = ctx.baseUrl.replace(/\/+$/, "");
  const model = encodeURIComponent(ctx.upstreamModel.replace(/^models\//, ""));
  const url = ctx.stream
    ? `${base}/v1beta/models/${model}:streamGenerateContent?alt=sse`
    : `${base}/v1beta/models/${model}:generateContent`;
  return {
    url,
    headers: {
      "x-goog-api-key": ctx.apiKey,
      "content-type": "application/json",
      accept: ctx.stream ? "text/event-stream" : "application/json",
    },
    body: JSON.stringify(
      normalizeUpstreamBody(
        "gemini",
        inputRulesFor("gemini", ctx.providerId),
        toGeminiRequest(ctx.request),
      ),
    ),
  };
}

export const geminiAdapter: ProviderAdapter = {
  buildCall,
  parseResponse: (json, ctx) => parseGeminiResponse(json, ctx),
  createStreamTranslator: (ctx) =>
    createGeminiStreamTranslator({ ...ctx, candidates: ctx.request.n ?? 1 }),
};
