import type { Deployment } from "@/lib/generated/prisma/client";

const plain = (v: bigint | null) => (v === null ? null : Number(v));

/**
 * A stored deployment as the admin API answers it: `provider`, upstream `model`, the
 * `publicName` callers can always use (`provider/model`), its aliases and kind, prices in
 * integer micro-dollars per 1M tokens (at most 10^12, so exact as numbers), the context
 * window in tokens (null: unknown) and whether it takes traffic.
 */
export function toDeployment(row: Deployment) {
  return {
    id: row.id,
    provider: row.providerId,
    model: row.model,
    publicName: `${row.providerId}/${row.model}`,
    aliases: row.aliases,
    kind: row.kind,
    inputPricePer1MMicros: Number(row.inputPricePer1MMicros),
    outputPricePer1MMicros: Number(row.outputPricePer1MMicros),
    cachedInputPricePer1MMicros: plain(row.cachedInputPricePer1MMicros),
    cacheWritePricePer1MMicros: plain(row.cacheWritePricePer1MMicros),
    billedPricePer1MMicros: plain(row.billedPricePer1MMicros),
    contextWindow: row.contextWindow,
    enabled: row.enabled,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The audited picture of a deployment: what an operator set, without its timestamps. */
export function auditedDeployment(row: Deployment) {
  const { createdAt: _c, updatedAt: _u, ...fields } = toDeployment(row);
  return fields;
}
