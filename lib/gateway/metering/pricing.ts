import type { TokenUsage } from "@/lib/gateway/providers/types";

export { formatMicros, picosToMicros } from "@/lib/billing/money";

/**
 * Prices are integer micro-dollars per 1M tokens, so tokens x price is an exact whole
 * number of pico-dollars: no request is ever rounded. Rounding to cents happens once,
 * on the invoice.
 */
export interface DeploymentPrices {
  inputPricePer1MMicros: number;
  outputPricePer1MMicros: number;
  cachedInputPricePer1MMicros: number | null;
  /** Cache writes (Anthropic); null: the input price. */
  cacheWritePricePer1MMicros?: number | null;
}

export const PICOS_PER_MICRO = 1_000_000;

/** The list price billed to tenants without a plan price: $5.00 per 1M tokens. */
export const LIST_PRICE_PER_1M_MICROS = 5_000_000;

/**
 * What the provider charges for a request, exact pico-dollars. Each class of token at
 * its own rate: cache reads at the cached-input price, cache writes at the write price,
 * the rest of the prompt at the input price, completion at the output price. Cached and
 * written tokens are part of `promptTokens` (clamped to it).
 */
export function upstreamCostPicos(usage: TokenUsage, prices: DeploymentPrices): number {
  const cached = Math.min(usage.cachedTokens, usage.promptTokens);
  const written = Math.min(usage.cacheWriteTokens ?? 0, usage.promptTokens - cached);
  const cachedPrice = prices.cachedInputPricePer1MMicros ?? prices.inputPricePer1MMicros;
  const writePrice = prices.cacheWritePricePer1MMicros ?? prices.inputPricePer1MMicros;
  return (
    (usage.promptTokens - cached - written) * prices.inputPricePer1MMicros +
    cached * cachedPrice +
    written * writePrice +
    usage.completionTokens * prices.outputPricePer1MMicros
  );
}

export function billedPicos(usage: TokenUsage, billedPricePer1MMicros: number): number {
  return (usage.promptTokens + usage.completionTokens) * billedPricePer1MMicros;
}
