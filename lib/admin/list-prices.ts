import { listPrices as readPrices } from "@/lib/data/prices/list-prices";
import { gatewayContext } from "@/lib/runtime/process-gateway";
import { DEFAULT_PLAN_NAME } from "@/lib/catalog/default-catalog";

/**
 * Every deployment's upstream prices (input, output, cached input, cache write) and
 * billed price, per 1M tokens in micro-dollars, each flagged when it sells below
 * upstream cost plus the configured minimum margin.
 */
export async function listPrices() {
  const { config } = await gatewayContext();
  return readPrices({
    minMarginBps: config.GATEWAY_MIN_MARGIN_BPS,
    defaultPlanName: DEFAULT_PLAN_NAME,
  });
}
