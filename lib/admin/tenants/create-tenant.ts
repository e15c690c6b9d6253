import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/admin/audit/record-audit-event";
import { DEFAULT_PLAN_NAME } from "@/lib/catalog/default-catalog";
import type { TenantCreate } from "./tenant-schemas";
import { quoteInput } from "@/lib/http/quote-input";

/**
 * Creates a tenant on the given plan, or on the default plan ("Pay as you go") when
 * none is named; its first plan change is stored with it (invoices bill from it) and the
 * creation is audited. Returns the tenant row with its plan (limits and money as bigint).
 * @throws ApiError `invalid_request_error` for an unknown plan, `conflict` for a taken name
 */
export async function createTenant({ input, actor }: { input: TenantCreate; actor: string }) {
  const prisma = getPrisma();
  const plan = input.planId
    ? await prisma.plan.findUnique({ where: { id: input.planId } })
    : await prisma.plan.findUnique({ where: { name: DEFAULT_PLAN_NAME } });
  if (!plan)
    throw new ApiError(
      "invalid_request_error",
      input.planId ? `No plan with id '${input.planId}'.` : "No default plan exists.",
      { param: "planId" },
    );
  if (await prisma.tenant.findUnique({ where: { name: input.name } })) {
    throw new ApiError("conflict", `A tenant named ${quoteInput(input.name)} already exists.`, {
      param: "name",
    });
  }
  return prisma
    .$transaction(async (tx) => {
      const tenant = await tx.tenant.create({
        data: {
          name: input.name,
          planId: plan.id,
          requestsPerMinute: input.requestsPerMinute ?? null,
          tokensPerMinute: input.tokensPerMinute ?? null,
          monthlyTokenQuota:
            input.monthlyTokenQuota == null ? null : BigInt(input.monthlyTokenQuota),
          monthlySpendLimitMicros:
            input.monthlySpendLimitMicros == null ? null : BigInt(input.monthlySpendLimitMicros),
        },
        include: { plan: true },
      });
      await tx.tenantPlanChange.create({
        data: { tenantId: tenant.id, planId: plan.id, effectiveAt: tenant.createdAt, actor },
      });
      await recordAuditEvent(
        {
          actor,
          action: "tenant.created",
          targetType: "tenant",
          targetId: tenant.id,
          details: { name: tenant.name },
        },
        tx,
      );
      return tenant;
    })
    .catch((err: unknown) => {
      // Two creates with one name at the same moment: the unique index decides.
      if ((err as { code?: string }).code === "P2002")
        throw new ApiError("conflict", `A tenant named ${quoteInput(input.name)} already exists.`, {
          param: "name",
        });
      throw err;
    });
}
