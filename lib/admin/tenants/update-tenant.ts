import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { announceChange } from "@/lib/runtime/announce-change";
import { recordAuditEvent } from "@/lib/admin/audit/record-audit-event";
import type { TenantUpdate } from "./tenant-schemas";
import { getTenant } from "./get-tenant";
import { quoteInput } from "@/lib/http/quote-input";

const big = (v: number | null | undefined) =>
  v === undefined ? undefined : v === null ? null : BigInt(v);

/**
 * Changes a tenant (name, plan, limits, status); omitted fields stay. Audited; a plan
 * change is kept with its effective time. Every instance re-reads this tenant's keys at
 * once, so a suspension or a new limit applies within a second. Returns the tenant row
 * with its plan.
 * @throws ApiError `not_found`, `conflict` (name taken) or `invalid_request_error` (unknown plan)
 */
export async function updateTenant({
  id,
  input,
  actor,
}: {
  id: string;
  input: TenantUpdate;
  actor: string;
}) {
  const before = await getTenant({ id });
  const prisma = getPrisma();
  if (
    input.name !== undefined &&
    input.name !== before.name &&
    (await prisma.tenant.findUnique({ where: { name: input.name } }))
  ) {
    throw new ApiError("conflict", `A tenant named ${quoteInput(input.name)} already exists.`, {
      param: "name",
    });
  }
  if (input.planId && !(await prisma.plan.findUnique({ where: { id: input.planId } }))) {
    throw new ApiError("invalid_request_error", `No plan with id '${input.planId}'.`, {
      param: "planId",
    });
  }
  const tenant = await prisma.$transaction(async (tx) => {
    const updated = await tx.tenant.update({
      where: { id },
      data: {
        name: input.name,
        planId: input.planId,
        status: input.status,
        requestsPerMinute: input.requestsPerMinute,
        tokensPerMinute: input.tokensPerMinute,
        monthlyTokenQuota: big(input.monthlyTokenQuota),
        monthlySpendLimitMicros: big(input.monthlySpendLimitMicros),
      },
      include: { plan: true },
    });
    await recordAuditEvent(
      {
        actor,
        action: "tenant.updated",
        targetType: "tenant",
        targetId: id,
        details: JSON.parse(JSON.stringify(input)),
      },
      tx,
    );
    if (input.planId && input.planId !== before.planId) {
      // Every plan change is kept with its effective time: the invoice bills the month on
      // the highest-fee plan held in it.
      const change = await tx.tenantPlanChange.create({
        data: { tenantId: id, planId: input.planId, actor },
      });
      await recordAuditEvent(
        {
          actor,
          action: "plan.changed",
          targetType: "tenant",
          targetId: id,
          details: {
            from: before.planId,
            to: input.planId,
            effectiveAt: change.effectiveAt.toISOString(),
          },
        },
        tx,
      );
    }
    return updated;
  });
  await announceChange({ type: "tenant_changed", tenantId: id });
  return tenant;
}
