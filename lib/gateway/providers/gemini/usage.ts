import type { TokenUsage } from "@/lib/gateway/providers/types";
import type { GeminiUsageMetadata } from "./schemas";

export interface GeminiUsage {
  usage: TokenUsage;
  /** Thinking tokens, reported to the client as `completion_tokens_details.reasoning_tokens`. */
  reasoningTokens: number;
}

/**
 * Reads `usageMetadata`. `promptTokenCount` already includes the cached part; tokens
 * spent on built-in tool results (`toolUsePromptTokenCount`) are billed as input, and
 * thinking tokens (`thoughtsTokenCount`, not in `candidatesTokenCount`) as output.
 * Null when the upstream reported no counts at all.
 */
export function readGeminiUsage(meta: GeminiUsageMetadata | null | undefined): GeminiUsage | null {
  if (!meta) return null;
  if (typeof meta.promptTokenCount !== "number" && typeof meta.candidatesTokenCount !== "number")
    return null;
  const reasoningTokens = meta.thoughtsTokenCount ?? 0;
  return {
    usage: {
      promptTokens: (meta.promptTokenCount ?? 0) + (meta.toolUsePromptTokenCount ?? 0),
      completionTokens: (meta.candidatesTokenCount ?? 0) + reasoningTokens,
      cachedTokens: meta.cachedContentTokenCount ?? 0,
    },
    reasoningTokens,
  };
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
