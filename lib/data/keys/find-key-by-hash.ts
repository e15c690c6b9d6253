import { getPrisma } from "@/lib/db";
import type { TenantKey } from "@/lib/tenants/key-cache";

/** The key-cache loader: one indexed query for the key, its tenant and plan. */
export async function findKeyByHash(hash: string): Promise<TenantKey | null> {
  const row = await getPrisma().apiKey.findUnique({
    where: { hash },
    include: { tenant: { include: { plan: true } } },
  });
  if (!row) return null;
  return {
    keyId: row.id,
    tenantId: row.tenantId,
    hash: row.hash,
    allowedModels: row.allowedModels,
    requestsPerMinute: row.requestsPerMinute ?? row.tenant.requestsPerMinute ?? row.tenant.plan.defaultRequestsPerMinute,
    tokensPerMinute: row.tokensPerMinute ?? row.tenant.tokensPerMinute ?? row.tenant.plan.defaultTokensPerMinute,
    plan: { id: row.tenant.plan.id, name: row.tenant.plan.name, overagePricePer1MMicros: Number(row.tenant.plan.overagePricePer1MMicros) },
    expiresAt: row.expiresAt?.getTime() ?? null,
    revoked: row.revokedAt !== null,
    tenantActive: row.tenant.status === "active",
  };
}
