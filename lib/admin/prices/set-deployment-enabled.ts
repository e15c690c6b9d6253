import { publishClusterEvent } from "@/lib/cluster/cluster-events";
import { recordAuditEvent } from "@/lib/admin/audit/record-audit-event";
import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";

/**
 * Takes a deployment out of routing or puts it back, audited; every instance reloads
 * its catalogue. Throws `not_found` for an unknown id.
 */
export async function setDeploymentEnabled({
  id,
  enabled,
  actor,
}: {
  id: string;
  enabled: boolean;
  actor: string;
}) {
  const prisma = getPrisma();
  const row = await prisma.$transaction(async (tx) => {
    const current = await tx.deployment.findUnique({ where: { id } });
    if (!current)
      throw new ApiError("not_found", `No deployment with id '${id}'.`, { param: "id" });
    const updated = await tx.deployment.update({ where: { id }, data: { enabled } });
    await recordAuditEvent(
      {
        actor,
        action: enabled ? "deployment.enabled" : "deployment.disabled",
        targetType: "deployment",
        targetId: id,
        details: { model: `${updated.providerId}/${updated.model}` },
      },
      tx,
    );
    return updated;
  });
  await publishClusterEvent({ type: "catalog_changed" });
  return { id: row.id, model: `${row.providerId}/${row.model}`, enabled: row.enabled };
}
