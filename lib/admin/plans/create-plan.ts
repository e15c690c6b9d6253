import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/admin/audit/record-audit-event";
import type { PlanCreate } from "./plan-schemas";
import { planData } from "./plan-data";
import { quoteInput } from "@/lib/http/quote-input";

/**
 * Creates a plan (monthly fee and overage price in micro-dollars, included tokens,
 * default limits), audited. Returns the plan row (money and tokens as bigint).
 * @throws ApiError `conflict` when the name is taken
 */
export async function createPlan({ input, actor }: { input: PlanCreate; actor: string }) {
  const prisma = getPrisma();
  if (await prisma.plan.findUnique({ where: { name: input.name } })) {
    throw new ApiError("conflict", `A plan named ${quoteInput(input.name)} already exists.`, {
      param: "name",
    });
  }
  return prisma.$transaction(async (tx) => {
    const plan = await tx.plan.create({ data: { name: input.name, ...planData(input) } });
    await recordAuditEvent(
      {
        actor,
        action: "plan.created",
        targetType: "plan",
        targetId: plan.id,
        details: { name: plan.name },
      },
      tx,
    );
    return plan;
  });
}
