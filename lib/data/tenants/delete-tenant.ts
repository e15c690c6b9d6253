import { getPrisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/data/audit/record-audit-event";
import { getTenant } from "./get-tenant";

/**
 * Soft delete: usage and invoices stay for the books; every key is revoked and the
 * tenant disappears from lists.
 */
export async function deleteTenant({ id, actor }: { id: string; actor: string }) {
  await getTenant({ id });
  const now = new Date();
  await getPrisma().$transaction(async (tx) => {
    await tx.tenant.update({ where: { id }, data: { status: "deleted" } });
    await tx.apiKey.updateMany({
      where: { tenantId: id, revokedAt: null },
      data: { revokedAt: now },
    });
    await recordAuditEvent(
      { actor, action: "tenant.deleted", targetType: "tenant", targetId: id },
      tx,
    );
  });
  return { id, deleted: true };
}
