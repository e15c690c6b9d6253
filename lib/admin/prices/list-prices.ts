import { getPrisma } from "@/lib/db";
import { sellsBelowCost } from "@/lib/billing/billed-price";
import { formatMicros } from "@/lib/billing/money";
import { DEFAULT_PLAN_NAME } from "@/lib/catalog/default-catalog";
import { gatewayContext } from "@/lib/runtime/process-gateway";
import type { PriceListQuery } from "./price-schemas";

const n = (v: bigint | null) => (v === null ? null : Number(v));

/**
 * Every deployment's prices (integer micro-dollars per 1M tokens): upstream input,
 * output, cached input and cache write, and what tenants are billed. `belowCost` flags
 * a model whose billed list price would sell some class of its tokens below cost plus
 * the configured minimum margin (metering then raises such requests to the floor). A
 * deployment without a billed price of its own bills the default plan's overage price.
 * Each row says its `kind` (`chat` or `embedding`: an embedding model has input tokens
 * only); `query.kind` lists one kind. Returns `{data: [...], minMarginBps,
 * defaultBilledPricePer1MMicros}`.
 */
export async function listPrices(query: PriceListQuery = {}) {
  const minMarginBps = (await gatewayContext()).config.GATEWAY_MIN_MARGIN_BPS;
  const prisma = getPrisma();
  const [deployments, defaultPlan] = await Promise.all([
    prisma.deployment.findMany({
      where: query.kind ? { kind: query.kind } : undefined,
      orderBy: [{ providerId: "asc" }, { model: "asc" }],
    }),
    prisma.plan.findUnique({ where: { name: DEFAULT_PLAN_NAME } }),
  ]);
  const planPrice = Number(defaultPlan?.overagePricePer1MMicros ?? 5_000_000n);
  const data = deployments.map((d) => {
    const classes = [
      d.inputPricePer1MMicros,
      d.outputPricePer1MMicros,
      d.cachedInputPricePer1MMicros,
      d.cacheWritePricePer1MMicros,
    ].map(n);
    const billed = n(d.billedPricePer1MMicros) ?? planPrice;
    const highest = Math.max(...classes.map((c) => c ?? 0));
    return {
      id: d.id,
      deploymentId: d.id,
      providerId: d.providerId,
      provider: d.providerId,
      model: `${d.providerId}/${d.model}`,
      upstreamModel: d.model,
      kind: d.kind,
      enabled: d.enabled,
      inputPricePer1MMicros: Number(d.inputPricePer1MMicros),
      outputPricePer1MMicros: Number(d.outputPricePer1MMicros),
      cachedInputPricePer1MMicros: n(d.cachedInputPricePer1MMicros),
      cacheWritePricePer1MMicros: n(d.cacheWritePricePer1MMicros),
      billedPricePer1MMicros: billed,
      billedPriceSource: d.billedPricePer1MMicros === null ? "plan" : "deployment",
      /** The price per 1M tokens below which some token of this model would sell under cost plus margin. */
      floorPricePer1MMicros: Math.ceil((highest * (10_000 + minMarginBps)) / 10_000),
      belowCost: sellsBelowCost(billed, classes, minMarginBps),
      input: formatMicros(d.inputPricePer1MMicros),
      output: formatMicros(d.outputPricePer1MMicros),
      billed: formatMicros(billed),
      updatedAt: d.updatedAt,
    };
  });
  return { data, minMarginBps, defaultBilledPricePer1MMicros: planPrice };
}
