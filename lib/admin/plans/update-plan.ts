import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { quoteInput } from "@/lib/http/quote-input";
import { announceChange } from "@/lib/runtime/announce-change";
import { recordAuditEvent } from "@/lib/admin/audit/record-audit-event";
import type { PlanUpdate } from "./plan-schemas";
import { planData } from "./plan-data";

/**
 * Changes a plan, audited; omitted fields stay. The change reaches every tenant on it at
 * once: their keys are re-read on every instance. Returns the plan row.
 * @throws ApiError `not_found`, or `conflict` (param `name`) when another plan has the name
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
  if (
    input.name !== undefined &&
    (await prisma.plan.findFirst({ where: { name: input.name, id: { not: id } } }))
  )
    throw new ApiError("conflict", `A plan named ${quoteInput(input.name)} already exists.`, {
      param: "name",
    });
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
