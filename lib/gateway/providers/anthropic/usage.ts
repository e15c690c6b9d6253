import type { TokenUsage } from "@/lib/gateway/providers/types";
import type { AnthropicUsage } from "./schemas";

/**
 * Anthropic's `input_tokens` excludes the prompt tokens read from or written to the
 * cache; all three together are the prompt. Cache reads are the cached tokens (writes
 * are billed at a premium, not a discount, so they do not count as cached).
 * Null when the upstream reported no counts.
 */
export function readAnthropicUsage(usage: AnthropicUsage | null | undefined): TokenUsage | null {
  if (!usage) return null;
  if (typeof usage.input_tokens !== "number" && typeof usage.output_tokens !== "number")
    return null;
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  return {
    promptTokens: (usage.input_tokens ?? 0) + cacheRead + (usage.cache_creation_input_tokens ?? 0),
    completionTokens: usage.output_tokens ?? 0,
    cachedTokens: cacheRead,
    // Only when there were any, so usage without cache writes keeps its plain shape.
    ...(usage.cache_creation_input_tokens
      ? { cacheWriteTokens: usage.cache_creation_input_tokens }
      : {}),
  };
}

/** The OpenAI `usage` object for a completion or the final stream chunk. */
export function toOpenAIUsage(usage: TokenUsage) {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedTokens },
  };
}
