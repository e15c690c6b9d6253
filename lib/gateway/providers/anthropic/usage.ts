import type { TokenUsage } from "@/lib/gateway/providers/types";
import { hasImpossibleCount, rawUsage, tokenCount } from "../usage-count";
import type { AnthropicUsage } from "./schemas";

/**
 * Anthropic's Messages API reference (`usage`): `input_tokens` excludes the prompt tokens
 * read from (`cache_read_input_tokens`) or written to (`cache_creation_input_tokens`) the
 * cache; all three together are the prompt. Cache reads are the cached tokens (writes
 * are billed at a premium, not a discount, so they do not count as cached). A stream's
 * `message_start` carries the input count and an output count of 1 or so; the real
 * output count comes with `message_delta`. Null when the upstream reported no counts. A
 * figure that is not a whole non-negative number makes its sum NaN, flagged by the meter.
 */
export function readAnthropicUsage(usage: AnthropicUsage | null | undefined): TokenUsage | null {
  if (!usage) return null;
  if (usage.input_tokens == null && usage.output_tokens == null) return null;
  const cacheRead = tokenCount(usage.cache_read_input_tokens);
  const cacheWrite = tokenCount(usage.cache_creation_input_tokens);
  const read: TokenUsage = {
    promptTokens: tokenCount(usage.input_tokens) + cacheRead + cacheWrite,
    completionTokens: tokenCount(usage.output_tokens),
    cachedTokens: cacheRead,
    // Only when there were any, so usage without cache writes keeps its plain shape.
    ...(cacheWrite !== 0 ? { cacheWriteTokens: cacheWrite } : {}),
  };
  if (hasImpossibleCount(read.promptTokens, read.completionTokens, cacheRead, cacheWrite))
    read.raw = rawUsage(usage);
  return read;
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
