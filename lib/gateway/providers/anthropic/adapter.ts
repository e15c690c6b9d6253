import type { AdapterContext, ProviderAdapter, UpstreamCall } from "@/lib/gateway/providers/types";
import { inputRulesFor } from "../input-rules";
import { normalizeUpstreamBody } from "../normalize-upstream-body";
import { nativeAnthropicOf, nativeBodyFor } from "./native-body";
import { toAnthropicRequest } from "./request";
import { parseAnthropicResponse } from "./response";
import { createAnthropicStreamTranslator } from "./stream";

/** The API version the translators are written against; Anthropic requires the header. */
export const ANTHROPIC_VERSION = "2023-06-01";

/**
 * Anthropic's Messages API. The base URL is the API origin in the official SDK's
 * convention (`https://api.anthropic.com`), which gets `/v1/messages`.
 */
function buildCall(ctx: AdapterContext): UpstreamCall {
  // A request that came in as a Messages request goes out as the caller wrote it.
  const native = nativeAnthropicOf(ctx.request);
  const body = native
    ? nativeBodyFor(native, ctx.upstreamModel, ctx.stream)
    : toAnthropicRequest(ctx.request, ctx.upstreamModel, ctx.stream);
  return {
    url: `${ctx.baseUrl.replace(/\/+$/, "")}/v1/messages`,
    headers: {
      "x-api-key": ctx.apiKey,
      "anthropic-version": ANTHROPIC_VERSION,
      ...native?.headers,
      "content-type": "application/json",
      accept: ctx.stream ? "text/event-stream" : "application/json",
    },
    body: JSON.stringify(
      normalizeUpstreamBody("anthropic", inputRulesFor("anthropic", ctx.providerId), body),
    ),
  };
}

export const anthropicAdapter: ProviderAdapter = {
  buildCall,
  parseResponse: (json, ctx) => parseAnthropicResponse(json, ctx),
  createStreamTranslator: (ctx) => createAnthropicStreamTranslator(ctx),
};
