import type { TokenUsage } from "@/lib/gateway/providers/types";
import { hasImpossibleCount, rawUsage, tokenCount } from "../usage-count";
import type { OpenAIUsageBody } from "./schemas";

/**
 * Reads an OpenAI-style `usage` block (tokens); null when the upstream sent none.
 * OpenAI's API reference ("The chat completion object", `usage`): `prompt_tokens`,
 * `completion_tokens`, and `prompt_tokens_details.cached_tokens` ("Cached tokens present
 * in the prompt"), part of `prompt_tokens`; DeepSeek's `prompt_cache_hit_tokens` is the
 * same figure under its own name. Read field by field (the shape of `OpenAIUsageSchema`)
 * because it runs on every answer. A figure that is not a whole non-negative number is
 * NaN here (see `tokenCount`) and the meter's `normalizeUsage` replaces it.
 */
export function readOpenAIUsage(usage: unknown): TokenUsage | null {
  if (!usage || typeof usage !== "object") return null;
  const u = usage as { [K in keyof OpenAIUsageBody]?: unknown };
  if (u.prompt_tokens == null && u.completion_tokens == null) return null;
  const details = u.prompt_tokens_details as { cached_tokens?: unknown } | null | undefined;
  const read: TokenUsage = {
    promptTokens: tokenCount(u.prompt_tokens),
    completionTokens: tokenCount(u.completion_tokens),
    cachedTokens: tokenCount(details?.cached_tokens ?? u.prompt_cache_hit_tokens),
  };
  if (hasImpossibleCount(read.promptTokens, read.completionTokens, read.cachedTokens))
    read.raw = { ...rawUsage(usage), ...(details ? { cached_tokens: details.cached_tokens } : {}) };
  return read;
}
