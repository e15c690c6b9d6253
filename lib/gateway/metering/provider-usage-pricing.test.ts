/**
 * One recorded usage block per provider, read by that provider's adapter and costed at
 * the seeded price list: cache reads at the cached rate, Anthropic cache writes at the
 * write premium, never flattened into input at the base rate.
 */
import { describe, expect, it } from "vitest";
import { upstreamCostPicos } from "@/lib/gateway/metering/pricing";
import { readAnthropicUsage } from "@/lib/gateway/providers/anthropic/usage";
import { readGeminiUsage } from "@/lib/gateway/providers/gemini/usage";
import { readOpenAIUsage } from "@/lib/gateway/providers/openai-compatible/usage";
import { DEFAULT_DEPLOYMENTS } from "@/lib/catalog/default-catalog";

function prices(providerId: string, model: string) {
  const d = DEFAULT_DEPLOYMENTS.find((x) => x.providerId === providerId && x.model === model)!;
  return { ...d, cacheWritePricePer1MMicros: d.cacheWritePricePer1MMicros ?? null };
}

describe("usage samples priced per provider", () => {
  it("DeepSeek: 10,000 prompt tokens of which 8,000 cache hits", () => {
    // https://api-docs.deepseek.com/quick_start/pricing : cache hit $0.014, miss $0.14, output $0.28 per 1M
    const usage = readOpenAIUsage({
      prompt_tokens: 10_000,
      completion_tokens: 500,
      prompt_cache_hit_tokens: 8_000,
      prompt_cache_miss_tokens: 2_000,
    })!;
    const cost = upstreamCostPicos(usage, prices("deepseek", "deepseek-chat"));
    expect(cost).toBe(2_000 * 140_000 + 8_000 * 14_000 + 500 * 280_000);
    // Flattened into input it would have cost 10,000 x $0.14: 3.6 times the prompt part.
    expect((10_000 * 140_000) / (2_000 * 140_000 + 8_000 * 14_000)).toBeGreaterThan(3.4);
  });

  it("OpenAI: prompt_tokens_details.cached_tokens at half the input price", () => {
    const usage = readOpenAIUsage({
      prompt_tokens: 2_048,
      completion_tokens: 100,
      prompt_tokens_details: { cached_tokens: 1_024 },
    })!;
    expect(upstreamCostPicos(usage, prices("openai", "gpt-4o"))).toBe(
      1_024 * 2_500_000 + 1_024 * 1_250_000 + 100 * 10_000_000,
    );
  });

  it("Gemini: cachedContentTokenCount at the context-cache price", () => {
    const { usage } = readGeminiUsage({
      promptTokenCount: 40_000,
      candidatesTokenCount: 200,
      cachedContentTokenCount: 32_000,
      totalTokenCount: 40_200,
    })!;
    expect(upstreamCostPicos(usage, prices("gemini", "gemini-2.0-flash"))).toBe(
      8_000 * 75_000 + 32_000 * 18_750 + 200 * 300_000,
    );
  });

  it("Anthropic: cache reads at 0.1x and cache writes at 1.25x the input price", () => {
    const usage = readAnthropicUsage({
      input_tokens: 100,
      output_tokens: 50,
      cache_read_input_tokens: 5_000,
      cache_creation_input_tokens: 2_000,
    })!;
    expect(usage).toMatchObject({
      promptTokens: 7_100,
      cachedTokens: 5_000,
      cacheWriteTokens: 2_000,
    });
    expect(upstreamCostPicos(usage, prices("anthropic", "claude-3-5-sonnet-latest"))).toBe(
      100 * 3_000_000 + 5_000 * 300_000 + 2_000 * 3_750_000 + 50 * 15_000_000,
    );
  });

  it("OpenRouter (no cache discount listed): every prompt token at the input price", () => {
    const usage = readOpenAIUsage({
      prompt_tokens: 1_000,
      completion_tokens: 10,
      prompt_tokens_details: { cached_tokens: 400 },
    })!;
    expect(
      upstreamCostPicos(usage, prices("openrouter", "meta-llama/llama-3.3-70b-instruct")),
    ).toBe(1_000 * 120_000 + 10 * 120_000);
  });
});
