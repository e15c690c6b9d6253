import type { TokenUsage } from "@/lib/gateway/providers/types";
import type { TenantKey } from "@/lib/tenants/key-cache";
import { billedPicos, LIST_PRICE_PER_1M_MICROS, upstreamCostPicos, type DeploymentPrices } from "./pricing";

/** The money of one request, exact integers in pico-dollars. */
export interface UsageMoney {
  /** What the provider charges us for these tokens. */
  upstreamCostPicos: number;
  /** What the tenant is billed for them. */
  billedPicos: number;
}

/**
 * The price per 1M tokens (micro-dollars) billed to this key's tenant: its plan's
 * overage price, or the list price when the plan names none.
 */
export function billedPricePer1MMicros(key: Pick<TenantKey, "plan">): number {
  return key.plan.overagePricePer1MMicros ?? LIST_PRICE_PER_1M_MICROS;
}

/**
 * Every amount of money a usage event carries, computed here and nowhere else.
 * `deployment` is null when no upstream served the request (both amounts are then 0).
 */
export function priceUsage(usage: TokenUsage, deployment: DeploymentPrices | null, key: Pick<TenantKey, "plan">): UsageMoney {
  if (deployment === null) return { upstreamCostPicos: 0, billedPicos: 0 };
  return {
    upstreamCostPicos: upstreamCostPicos(usage, deployment),
    billedPicos: billedPicos(usage, billedPricePer1MMicros(key)),
  };
}
