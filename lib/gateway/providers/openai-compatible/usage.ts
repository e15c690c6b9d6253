import type { TokenUsage } from "@/lib/gateway/providers/types";

interface OpenAIUsage {
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
  prompt_tokens_details?: { cached_tokens?: number | null } | null;
  /** DeepSeek reports cache hits under its own name. */
  prompt_cache_hit_tokens?: number | null;
}

/** Reads an OpenAI-style `usage` block; null when the upstream sent none. */
export function readOpenAIUsage(usage: unknown): TokenUsage | null {
  if (!usage || typeof usage !== "object") return null;
  const u = usage as OpenAIUsage;
  if (typeof u.prompt_tokens !== "number" && typeof u.completion_tokens !== "number") return null;
  return {
    promptTokens: u.prompt_tokens ?? 0,
    completionTokens: u.completion_tokens ?? 0,
    cachedTokens: u.prompt_tokens_details?.cached_tokens ?? u.prompt_cache_hit_tokens ?? 0,
  };
}
