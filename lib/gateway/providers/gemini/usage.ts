import type { TokenUsage } from "@/lib/gateway/providers/types";
import { hasImpossibleCount, rawUsage, tokenCount } from "../usage-count";
import type { GeminiUsageMetadata } from "./schemas";

export interface GeminiUsage {
  usage: TokenUsage;
  /** Thinking tokens, reported to the client as `completion_tokens_details.reasoning_tokens`. */
  reasoningTokens: number;
}

/**
 * Reads `usageMetadata` (Gemini API reference, `GenerateContentResponse.UsageMetadata`):
 * `promptTokenCount` ("Number of tokens in the prompt. When cachedContent is set, this is
 * still the total effective prompt size") already includes `cachedContentTokenCount`;
 * `toolUsePromptTokenCount` (tool-use prompts) is billed as input, `thoughtsTokenCount`
 * (thinking, not in `candidatesTokenCount`) as output. Mid-stream chunks may carry the
 * prompt count alone. Null when the upstream reported no counts at all. A figure that is
 * not a whole non-negative number makes its sum NaN, flagged by the meter.
 */
export function readGeminiUsage(meta: GeminiUsageMetadata | null | undefined): GeminiUsage | null {
  if (!meta) return null;
  if (meta.promptTokenCount == null && meta.candidatesTokenCount == null) return null;
  const reasoningTokens = tokenCount(meta.thoughtsTokenCount);
  const usage: TokenUsage = {
    promptTokens: tokenCount(meta.promptTokenCount) + tokenCount(meta.toolUsePromptTokenCount),
    completionTokens: tokenCount(meta.candidatesTokenCount) + reasoningTokens,
    cachedTokens: tokenCount(meta.cachedContentTokenCount),
  };
  if (hasImpossibleCount(usage.promptTokens, usage.completionTokens, usage.cachedTokens))
    usage.raw = rawUsage(meta);
  return { usage, reasoningTokens };
}

/** The OpenAI `usage` object for a completion or the final stream chunk. */
export function toOpenAIUsage({ usage, reasoningTokens }: GeminiUsage) {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedTokens },
    completion_tokens_details: { reasoning_tokens: reasoningTokens },
  };
}
