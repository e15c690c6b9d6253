import type { TokenUsage } from "./token-usage";

/**
 * The one rule for counting a request's tokens against allowances, limits and budgets:
 * prompt tokens (cached and cache-write tokens included, since providers report them as
 * part of the prompt) plus completion tokens; for embeddings, the input tokens (which
 * arrive as prompt tokens with no completion).
 */
export function chargeableTokens(
  usage: Pick<TokenUsage, "promptTokens" | "completionTokens">,
): number {
  return usage.promptTokens + usage.completionTokens;
}
