import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/data/audit/record-audit-event";

/**
 * Marks a key revoked, audited; revoking twice is harmless. Returns the key's hash so
 * the caller can evict it from every instance's cache.
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
  return { revoked: { id, prefix: key.prefix, revoked: true, revokedAt }, hash: key.hash };
}
