/**
 * What a tenant is billed per 1M tokens for one request, in integer micro-dollars.
 *
 * The list price is the deployment's own billed price when an operator set one, else
 * the plan's overage price. It is never allowed below the request's upstream cost plus
 * the minimum margin: the floor is the smallest whole micro-dollars-per-1M price at
 * which `tokens x price >= cost x (1 + margin)`. Because the price is per request, a
 * model with expensive output is raised only when a request actually costs more than
 * the list value, and a cheap request is never over-billed.
 */
export interface BilledPriceInput {
  /** The plan's `overagePricePer1MMicros`. */
  planPricePer1MMicros: number;
  /** The deployment's billed price, or null for the plan's. */
  deploymentPricePer1MMicros: number | null;
  /** Upstream cost of this request, pico-dollars. */
  upstreamCostPicos: number;
  /** Chargeable tokens of this request (see chargeableTokens). */
  tokens: number;
  /** Minimum margin over upstream cost, basis points (1000 = 10%). */
  minMarginBps: number;
}

export function billedPricePer1MMicros(input: BilledPriceInput): number {
  const list = input.deploymentPricePer1MMicros ?? input.planPricePer1MMicros;
  if (input.tokens <= 0) return list;
  return Math.max(
    list,
    floorPricePer1MMicros(input.upstreamCostPicos, input.tokens, input.minMarginBps),
  );
}

/** Smallest integer price per 1M tokens (micro-dollars) covering cost plus margin; exact in BigInt. */
export function floorPricePer1MMicros(
  costPicos: number,
  tokens: number,
  minMarginBps: number,
): number {
  if (tokens <= 0 || costPicos <= 0) return 0;
  const needed = BigInt(costPicos) * BigInt(10_000 + minMarginBps);
  const denominator = BigInt(tokens) * 10_000n;
  return Number((needed + denominator - 1n) / denominator);
}

/**
 * Whether selling a model's tokens at `listPricePer1MMicros` would sell some of them
 * below cost plus margin: true when any token class costs more than the list price
 * allows. The prices view flags these; metering raises such requests to the floor.
 */
export function sellsBelowCost(
  listPricePer1MMicros: number,
  classPricesPer1MMicros: readonly (number | null)[],
  minMarginBps: number,
): boolean {
  return classPricesPer1MMicros.some(
    (p) =>
      p !== null &&
      BigInt(p) * BigInt(10_000 + minMarginBps) > BigInt(listPricePer1MMicros) * 10_000n,
  );
}
