import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { announceChange } from "@/lib/runtime/announce-change";
import { recordAuditEvent } from "@/lib/admin/audit/record-audit-event";

/**
 * Revokes a tenant API key, every secret of it, audited: this instance refuses it before
 * the answer leaves, every other within a second (NOTIFY). Revoking twice is harmless
 * (the broadcast is repeated, the audit row is not). Returns `{id, prefix, revoked, revokedAt}`.
 * @throws ApiError `not_found` for an unknown key
 */
export async function revokeApiKey({ id, actor }: { id: string; actor: string }) {
  const prisma = getPrisma();
  const key = await prisma.apiKey.findUnique({ where: { id } });
  if (!key) throw new ApiError("not_found", `No API key with id '${id}'.`);
  const revokedAt = key.revokedAt ?? new Date();
  if (!key.revokedAt) {
    await prisma.$transaction(async (tx) => {
      await tx.apiKey.update({ where: { id }, data: { revokedAt } });
      await recordAuditEvent(
        {
          actor,
          action: "key.revoked",
          targetType: "api_key",
          targetId: id,
          details: { tenantId: key.tenantId, prefix: key.prefix },
        },
        tx,
      );
    });
  }
  await announceChange({ type: "key_revoked", hash: key.hash });
  // A secret still in the grace of a rotation dies with the key.
  if (key.previousHash) await announceChange({ type: "key_revoked", hash: key.previousHash });
  return { id, prefix: key.prefix, revoked: true, revokedAt };
}
