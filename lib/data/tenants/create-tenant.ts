import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/data/audit/record-audit-event";
import { DEFAULT_PLAN_NAME } from "@/lib/catalog/default-catalog";
import type { TenantCreate } from "@/lib/tenants/tenant-schemas";

export async function createTenant({ input, actor }: { input: TenantCreate; actor: string }) {
  const prisma = getPrisma();
  const plan = input.planId
    ? await prisma.plan.findUnique({ where: { id: input.planId } })
    : await prisma.plan.findUnique({ where: { name: DEFAULT_PLAN_NAME } });
  if (!plan) throw new ApiError("invalid_request_error", input.planId ? `No plan with id '${input.planId}'.` : "No default plan exists.", { param: "planId" });
  return prisma.$transaction(async (tx) => {
    const tenant = await tx.tenant.create({
      data: {
        name: input.name,
        planId: plan.id,
        requestsPerMinute: input.requestsPerMinute ?? null,
        tokensPerMinute: input.tokensPerMinute ?? null,
        monthlyTokenQuota: input.monthlyTokenQuota == null ? null : BigInt(input.monthlyTokenQuota),
        monthlySpendLimitMicros: input.monthlySpendLimitMicros == null ? null : BigInt(input.monthlySpendLimitMicros),
      },
      include: { plan: true },
    });
    await recordAuditEvent({ actor, action: "tenant.created", targetType: "tenant", targetId: tenant.id, details: { name: tenant.name } }, tx);
    return tenant;
  });
}
