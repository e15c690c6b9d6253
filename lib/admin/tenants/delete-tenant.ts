import { getPrisma } from "@/lib/db";
import { announceChange } from "@/lib/runtime/announce-change";
import { recordAuditEvent } from "@/lib/admin/audit/record-audit-event";
import { getTenant } from "./get-tenant";

/**
 * Soft-deletes a tenant: usage and invoices stay for the books, every key is revoked,
 * on every instance at once (NOTIFY), and the tenant disappears from lists. Audited.
 * Returns `{id, deleted: true}`.
 * @throws ApiError `not_found`
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
  await announceChange({ type: "tenant_changed", tenantId: id });
  return { id, deleted: true };
}
