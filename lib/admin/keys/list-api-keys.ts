import { getPrisma } from "@/lib/db";
import { getTenant } from "@/lib/admin/tenants/get-tenant";

/**
 * A tenant's keys, newest first: metadata, limits (bigint quotas and micro-dollars) and
 * dates only; the hash never leaves this function. `prefix` is the newest secret's;
 * `previousPrefix` and `previousEndsAt` name the secret a rotation replaced while its
 * grace period lasts (null otherwise).
 * @throws ApiError `not_found` for an unknown or deleted tenant
 */
export async function listApiKeys({ tenantId }: { tenantId: string }) {
  await getTenant({ id: tenantId });
  const rows = await getPrisma().apiKey.findMany({
    where: { tenantId },
    orderBy: { createdAt: "desc" },
  });
  const now = Date.now();
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
    rotatedAt: k.rotatedAt,
    // The secret the last rotation replaced, while it still works (its grace period).
    previousPrefix: live(k.previousEndsAt, now) ? k.previousPrefix : null,
    previousEndsAt: live(k.previousEndsAt, now) ? k.previousEndsAt : null,
  }));
}

const live = (endsAt: Date | null, now: number): endsAt is Date =>
  endsAt !== null && endsAt.getTime() > now;
