import type { TokenUsage } from "@/lib/gateway/providers/types";
import type { OpenAIUsageBody } from "./schemas";

const count = (x: unknown): number | undefined =>
  typeof x === "number" && Number.isFinite(x) ? x : undefined;

/**
 * Reads an OpenAI-style `usage` block (tokens); null when the upstream sent none.
 * Cached prompt tokens are OpenAI's `prompt_tokens_details.cached_tokens` or
 * DeepSeek's `prompt_cache_hit_tokens`; both are part of `prompt_tokens`. Read field by
 * field (the shape of `OpenAIUsageSchema`) because it runs on every answer.
 */
export function readOpenAIUsage(usage: unknown): TokenUsage | null {
  if (!usage || typeof usage !== "object") return null;
  const u = usage as { [K in keyof OpenAIUsageBody]?: unknown };
  const prompt = count(u.prompt_tokens);
  const completion = count(u.completion_tokens);
  if (prompt === undefined && completion === undefined) return null;
  const details = u.prompt_tokens_details as { cached_tokens?: unknown } | null | undefined;
  return {
    promptTokens: prompt ?? 0,
    completionTokens: completion ?? 0,
    cachedTokens: count(details?.cached_tokens) ?? count(u.prompt_cache_hit_tokens) ?? 0,
  };
}
