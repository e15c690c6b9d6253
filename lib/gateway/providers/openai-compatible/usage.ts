import type { TokenUsage } from "@/lib/gateway/providers/types";
import { OpenAIUsageSchema } from "./schemas";

/**
 * Reads an OpenAI-style `usage` block (tokens); null when the upstream sent none.
 * Cached prompt tokens are OpenAI's `prompt_tokens_details.cached_tokens` or
 * DeepSeek's `prompt_cache_hit_tokens`; both are part of `prompt_tokens`.
 */
export function readOpenAIUsage(usage: unknown): TokenUsage | null {
  const parsed = OpenAIUsageSchema.safeParse(usage);
  if (!parsed.success) return null;
  const u = parsed.data;
  if (typeof u.prompt_tokens !== "number" && typeof u.completion_tokens !== "number") return null;
  return {
    promptTokens: u.prompt_tokens ?? 0,
    completionTokens: u.completion_tokens ?? 0,
    cachedTokens: u.prompt_tokens_details?.cached_tokens ?? u.prompt_cache_hit_tokens ?? 0,
  };
}
