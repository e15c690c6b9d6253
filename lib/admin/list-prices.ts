import { listPrices as readPrices } from "@/lib/data/prices/list-prices";
import { billingSettings } from "@/lib/runtime/billing-settings";
import { DEFAULT_PLAN_NAME } from "@/lib/catalog/default-catalog";

/**
 * Every deployment's upstream prices (input, output, cached input, cache write) and
 * billed price, per 1M tokens in micro-dollars, each flagged when it sells below
 * upstream cost plus the configured minimum margin.
 */
export async function listPrices() {
  return readPrices({ minMarginBps: billingSettings().minMarginBps, defaultPlanName: DEFAULT_PLAN_NAME });
}
