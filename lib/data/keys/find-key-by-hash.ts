import { getPrisma } from "@/lib/db";
import type { LimitSet } from "@/lib/gateway/limits/limit-rules";
import type { TenantKey } from "@/lib/gateway/keys/tenant-key";

const num = (v: bigint | number | null | undefined): number | null =>
  v === null || v === undefined ? null : Number(v);

/**
 * The key-cache loader: one indexed query for the key whose newest or replaced secret
 * has this SHA-256 hex, with its tenant and plan. A replaced secret comes back with
 * `secretEndsAt`, the end of its grace period (epoch ms).
 */
export async function findKeyByHash(hash: string): Promise<TenantKey | null> {
  const row = await getPrisma().apiKey.findFirst({
    where: { OR: [{ hash }, { previousHash: hash }] },
    include: { tenant: { include: { plan: true } } },
  });
  if (!row) return null;
  const replaced = row.hash !== hash;
  const { tenant } = row;
  const { plan } = tenant;
  // A plan without overage (Free) stops at its included tokens.
  const planCap = plan.allowOverage ? null : Number(plan.includedTokens);
  const tenantQuota = num(tenant.monthlyTokenQuota ?? plan.defaultMonthlyTokenQuota);
  const tenantLimits: LimitSet = {
    requestsPerMinute: tenant.requestsPerMinute ?? plan.defaultRequestsPerMinute,
    tokensPerMinute: tenant.tokensPerMinute ?? plan.defaultTokensPerMinute,
    monthlyTokens:
      planCap === null
        ? tenantQuota
        : tenantQuota === null
          ? planCap
          : Math.min(planCap, tenantQuota),
    monthlyBudgetMicros: num(tenant.monthlySpendLimitMicros),
  };
  const keyLimits: LimitSet = {
    requestsPerMinute: row.requestsPerMinute,
    tokensPerMinute: row.tokensPerMinute,
    monthlyTokens: num(row.monthlyTokenQuota),
    monthlyBudgetMicros: num(row.monthlySpendLimitMicros),
  };
  return {
    keyId: row.id,
    tenantId: row.tenantId,
    hash,
    allowedModels: row.allowedModels,
    requestsPerMinute: row.requestsPerMinute ?? tenantLimits.requestsPerMinute,
    tokensPerMinute: row.tokensPerMinute ?? tenantLimits.tokensPerMinute,
    plan: {
      id: plan.id,
      name: plan.name,
      overagePricePer1MMicros: Number(plan.overagePricePer1MMicros),
    },
    limits: {
      key: keyLimits,
      tenant: tenantLimits,
      includedTokens: Number(plan.includedTokens),
      overagePricePer1MMicros: Number(plan.overagePricePer1MMicros),
    },
    expiresAt: row.expiresAt?.getTime() ?? null,
    // A replaced secret always has an end; an unset one would be a broken row: ended.
    secretEndsAt: replaced ? (row.previousEndsAt?.getTime() ?? 0) : null,
    revoked: row.revokedAt !== null,
    tenantActive: tenant.status === "active",
    tenantSuspended: tenant.status === "suspended",
  };
}
