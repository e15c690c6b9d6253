/**
 * Token counts as the gateway meters them, whatever the provider calls them. Defined
 * here, at the bottom, so that billing's arithmetic and the gateway's providers and
 * meter share one shape without billing importing the gateway.
 */
export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  /** Prompt tokens read from the provider's cache (part of promptTokens). */
  cachedTokens: number;
  /** Prompt tokens written to the provider's cache (Anthropic; part of promptTokens). */
  cacheWriteTokens?: number;
  /**
   * The provider's own usage fields, bounded, kept only when one of them was impossible
   * (negative, fractional), so the meter can log what was really sent.
   */
  raw?: Record<string, unknown>;
}
