import { billedPricePer1MMicros as flooredPrice } from "@/lib/billing/billed-price";
import { chargeableTokens } from "@/lib/billing/token-charge";
import type { TokenUsage } from "@/lib/gateway/providers/types";
import type { TenantKey } from "@/lib/gateway/keys/tenant-key";
import { LIST_PRICE_PER_1M_MICROS, upstreamCostPicos, type DeploymentPrices } from "./pricing";
import type { UsagePrices } from "./usage-event";

/** The money of one request, exact integers in pico-dollars, and the prices it came from. */
export interface UsageMoney {
  /** What the provider charges us for these tokens. */
  upstreamCostPicos: number;
  /** What the tenant is billed for them: chargeable tokens x the request's billed price. */
  billedPicos: number;
  /** The prices used, stored on the usage row; null when no upstream served. */
  prices: UsagePrices | null;
}

/** A deployment's prices, with its own billed price when an operator set one. */
export type PricedDeployment = DeploymentPrices & { billedPricePer1MMicros?: number | null };

/**
 * The price per 1M tokens (micro-dollars) billed to this key's tenant: its plan's
 * overage price, or the list price when the plan names none.
 */
export function billedPricePer1MMicros(key: Pick<TenantKey, "plan">): number {
  return key.plan.overagePricePer1MMicros ?? LIST_PRICE_PER_1M_MICROS;
}

/**
 * Every amount of money a usage event carries, computed here and nowhere else.
 * The billed price is the deployment's own or the plan's, raised for this request to
 * upstream cost plus `minMarginBps` when it would sell below that (lib/billing/billed-price).
 * `deployment` is null when no upstream served the request (both amounts are then 0).
 */
export function priceUsage(
  usage: TokenUsage,
  deployment: PricedDeployment | null,
  key: Pick<TenantKey, "plan">,
  minMarginBps = 0,
): UsageMoney {
  if (deployment === null) return { upstreamCostPicos: 0, billedPicos: 0, prices: null };
  const cost = upstreamCostPicos(usage, deployment);
  const tokens = chargeableTokens(usage);
  const price = flooredPrice({
    planPricePer1MMicros: billedPricePer1MMicros(key),
    deploymentPricePer1MMicros: deployment.billedPricePer1MMicros ?? null,
    upstreamCostPicos: cost,
    tokens,
    minMarginBps,
  });
  return {
    upstreamCostPicos: cost,
    billedPicos: tokens * price,
    prices: {
      inputPricePer1MMicros: deployment.inputPricePer1MMicros,
      outputPricePer1MMicros: deployment.outputPricePer1MMicros,
      cachedInputPricePer1MMicros: deployment.cachedInputPricePer1MMicros,
      cacheWritePricePer1MMicros: deployment.cacheWritePricePer1MMicros ?? null,
      billedPricePer1MMicros: price,
    },
  };
}
