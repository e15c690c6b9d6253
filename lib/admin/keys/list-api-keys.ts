import { getPrisma } from "@/lib/db";
import { getTenant } from "@/lib/admin/tenants/get-tenant";

/**
 * A tenant's keys, newest first: metadata, limits (bigint quotas and micro-dollars) and
 * dates only; the hash never leaves this function.
 * @throws ApiError `not_found` for an unknown or deleted tenant
 */
export async function listApiKeys({ tenantId }: { tenantId: string }) {
  await getTenant({ id: tenantId });
  const rows = await getPrisma().apiKey.findMany({
    where: { tenantId },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((k) => ({
    id: k.id,
    tenantId: k.tenantId,
    name: k.name,
    prefix: k.prefix,
    allowedModels: k.allowedModels,
    requestsPerMinute: k.requestsPerMinute,
    tokensPerMinute: k.tokensPerMinute,
    monthlyTokenQuota: k.monthlyTokenQuota,
    monthlySpendLimitMicros: k.monthlySpendLimitMicros,
    createdAt: k.createdAt,
    lastUsedAt: k.lastUsedAt,
    expiresAt: k.expiresAt,
    revokedAt: k.revokedAt,
    revoked: k.revokedAt !== null,
  }));
}
