import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/data/audit/record-audit-event";
import type { PlanUpdate } from "@/lib/tenants/tenant-schemas";
import { planData } from "./plan-data";

/** Updates a plan; returns it with the ids of the tenants on it, whose cached keys must be re-read. */
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
  return { plan, tenantIds: tenants.map((t) => t.id) };
}
