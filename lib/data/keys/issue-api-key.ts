import { getPrisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/data/audit/record-audit-event";
import { getTenant } from "@/lib/data/tenants/get-tenant";
import type { IssuedKey } from "@/lib/gateway/keys/api-key";
import type { KeyCreate } from "@/lib/tenants/tenant-schemas";

/**
 * Stores a freshly generated key (its prefix and hash; `issued` comes from the gateway's
 * `generateApiKey`, which lib/data may not call) and audits it. The plaintext is in this
 * return value and nowhere else, ever.
 * @throws ApiError `not_found` for an unknown or deleted tenant.
 */
export async function issueApiKey({
  tenantId,
  input,
  actor,
  issued,
}: {
  tenantId: string;
  input: KeyCreate;
  actor: string;
  issued: IssuedKey;
}) {
  await getTenant({ id: tenantId });
  const row = await getPrisma().$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        tenantId,
        name: input.name,
        prefix: issued.prefix,
        hash: issued.hash,
        allowedModels: input.allowedModels,
        requestsPerMinute: input.requestsPerMinute ?? null,
        tokensPerMinute: input.tokensPerMinute ?? null,
        monthlyTokenQuota: input.monthlyTokenQuota == null ? null : BigInt(input.monthlyTokenQuota),
        monthlySpendLimitMicros:
          input.monthlySpendLimitMicros == null ? null : BigInt(input.monthlySpendLimitMicros),
        expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
      },
    });
    await recordAuditEvent(
      {
        actor,
        action: "key.issued",
        targetType: "api_key",
        targetId: created.id,
        details: { tenantId, prefix: issued.prefix, name: input.name },
      },
      tx,
    );
    return created;
  });
  return {
    id: row.id,
    key: issued.key,
    prefix: row.prefix,
    name: row.name,
    tenantId,
    allowedModels: row.allowedModels,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
  };
}
