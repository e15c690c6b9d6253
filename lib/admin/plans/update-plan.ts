import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { announceChange } from "@/lib/runtime/announce-change";
import { recordAuditEvent } from "@/lib/admin/audit/record-audit-event";
import type { PlanUpdate } from "./plan-schemas";
import { planData } from "./plan-data";

/**
 * Changes a plan, audited; omitted fields stay. The change reaches every tenant on it at
 * once: their keys are re-read on every instance. Returns the plan row.
 * @throws ApiError `not_found`
 */
export async function updatePlan({
  id,
  input,
  actor,
}: {
  id: string;
  input: PlanUpdate;
  actor: string;
}) {
  const prisma = getPrisma();
  if (!(await prisma.plan.findUnique({ where: { id } })))
    throw new ApiError("not_found", `No plan with id '${id}'.`);
  const plan = await prisma.$transaction(async (tx) => {
    const updated = await tx.plan.update({
      where: { id },
      data: { name: input.name, ...planData(input) },
    });
    await recordAuditEvent(
      {
        actor,
        action: "plan.updated",
        targetType: "plan",
        targetId: id,
        details: JSON.parse(JSON.stringify(input)),
      },
      tx,
    );
    return updated;
  });
  const tenants = await prisma.tenant.findMany({ where: { planId: id }, select: { id: true } });
  await Promise.all(tenants.map((t) => announceChange({ type: "tenant_changed", tenantId: t.id })));
  return plan;
}
