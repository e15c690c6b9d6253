import type { AdapterContext, ProviderAdapter, UpstreamCall } from "@/lib/gateway/providers/types";
import { inputRulesFor } from "../input-rules";
import { normalizeUpstreamBody } from "../normalize-upstream-body";
import { parseOpenAICompatibleResponse } from "./response";
import { createOpenAICompatibleStreamTranslator } from "./stream";

/**
 * OpenAI, DeepSeek, OpenRouter, Groq, Mistral, Together, xAI: the request is passed
 * through with the upstream model name swapped in, and usage is always asked for on
 * streams so that every request can be metered (except where the provider sends it
 * unasked and refuses the field: see `streamUsageUnasked`). The base URL ends in `/v1` (the
 * official SDK's convention) and gets `/chat/completions`.
 */
function buildCall(ctx: AdapterContext): UpstreamCall {
  const rules = inputRulesFor("openai_compatible", ctx.providerId);
  const body: Record<string, unknown> = { ...ctx.request, model: ctx.upstreamModel };
  if (ctx.stream) {
    body.stream = true;
    if (rules.streamUsageUnasked) delete body.stream_options;
    else body.stream_options = { ...(ctx.request.stream_options ?? {}), include_usage: true };
  } else {
    delete body.stream;
    delete body.stream_options;
  }
  return {
    url: `${ctx.baseUrl.replace(/\/+$/, "")}/chat/completions`,
    headers: {
      authorization: `Bearer ${ctx.apiKey}`,
      "content-type": "application/json",
      accept: ctx.stream ? "text/event-stream" : "application/json",
    },
    body: JSON.stringify(normalizeUpstreamBody("openai_compatible", rules, body)),
  };
}

export const openAICompatibleAdapter: ProviderAdapter = {
  buildCall,
  parseResponse: (json) => parseOpenAICompatibleResponse(json),
  createStreamTranslator: (ctx) => createOpenAICompatibleStreamTranslator(ctx),
};
