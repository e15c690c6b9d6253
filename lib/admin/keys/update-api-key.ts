import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/admin/audit/record-audit-event";
import { announceChange } from "@/lib/runtime/announce-change";
import { checkAllowedModels } from "./check-allowed-models";
import type { KeyUpdate } from "./key-schemas";

/**
 * Changes a key's name, allowed models or expiry; omitted fields stay. Audited with
 * before and after. Every instance reads the key again: on this one before the answer
 * leaves, on the others within a second, so a narrowing of its models or an earlier
 * expiry applies at once everywhere. Returns `{id, tenantId, name, prefix,
 * allowedModels, expiresAt}`.
 * @throws ApiError `not_found`, `conflict` for a revoked key, `invalid_request_error`
 *   for a model the catalogue does not know
 */
export async function updateApiKey({
  id,
  input,
  actor,
}: {
  id: string;
  input: KeyUpdate;
  actor: string;
}) {
  const prisma = getPrisma();
  const key = await prisma.apiKey.findUnique({ where: { id } });
  if (!key) throw new ApiError("not_found", `No API key with id '${id}'.`);
  if (key.revokedAt)
    throw new ApiError("conflict", `API key '${id}' is revoked and cannot be changed.`);
  if (input.allowedModels) await checkAllowedModels(input.allowedModels, key.allowedModels);
  const expiresAt =
    input.expiresAt === undefined
      ? undefined
      : input.expiresAt === null
        ? null
        : new Date(input.expiresAt);
  const row = await prisma.$transaction(async (tx) => {
    const updated = await tx.apiKey.update({
      where: { id },
      data: { name: input.name, allowedModels: input.allowedModels, expiresAt },
    });
    await recordAuditEvent(
      {
        actor,
        action: "key.updated",
        targetType: "api_key",
        targetId: id,
        details: {
          tenantId: key.tenantId,
          prefix: key.prefix,
          before: {
            name: key.name,
            allowedModels: key.allowedModels,
            expiresAt: key.expiresAt?.toISOString() ?? null,
          },
          after: {
            name: updated.name,
            allowedModels: updated.allowedModels,
            expiresAt: updated.expiresAt?.toISOString() ?? null,
          },
        },
      },
      tx,
    );
    return updated;
  });
  await announceChange({ type: "key_changed", keyId: id });
  return {
    id: row.id,
    tenantId: row.tenantId,
    name: row.name,
    prefix: row.prefix,
    allowedModels: row.allowedModels,
    expiresAt: row.expiresAt,
  };
}
