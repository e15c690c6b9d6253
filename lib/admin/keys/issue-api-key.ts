import { getPrisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/admin/audit/record-audit-event";
import { getTenant } from "@/lib/admin/tenants/get-tenant";
import { generateApiKey } from "@/lib/gateway/keys/api-key";
import { announceChange } from "@/lib/runtime/announce-change";
import { checkAllowedModels } from "./check-allowed-models";
import type { KeyCreate } from "./key-schemas";

/**
 * Issues a tenant API key, audited. Returns `{id, key, prefix, name, tenantId,
 * allowedModels, expiresAt, createdAt}`: the plaintext `key` is in this return value and
 * nowhere else, ever (only its hash is stored). Every instance learns that the key exists.
 * @throws ApiError `not_found` for an unknown or deleted tenant, `invalid_request_error`
 *   for a model the catalogue does not know
 */
export async function issueApiKey({
  tenantId,
  input,
  actor,
}: {
  tenantId: string;
  input: KeyCreate;
  actor: string;
}) {
  await getTenant({ id: tenantId });
  await checkAllowedModels(input.allowedModels);
  const issued = generateApiKey();
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
  // Before answering: every instance's issued-key filter must know the key before the
  // caller can use it (this one at once, the others by the time they are asked).
  await announceChange({ type: "key_issued", hash: issued.hash });
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
