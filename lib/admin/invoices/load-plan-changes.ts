import { getPrisma } from "@/lib/db";
import type { PlanChange } from "@/lib/billing/plan-for-month";

/** Every plan a tenant held, with the plan's current terms, oldest first. */
export async function loadPlanChanges({ tenantId }: { tenantId: string }): Promise<PlanChange[]> {
  const rows = await getPrisma().tenantPlanChange.findMany({
    where: { tenantId },
    include: { plan: true },
    orderBy: { effectiveAt: "asc" },
  });
  return rows.map((r) => ({
    effectiveAt: r.effectiveAt.getTime(),
    plan: {
      id: r.plan.id,
      name: r.plan.name,
      monthlyFeeMicros: r.plan.monthlyFeeMicros,
      includedTokens: r.plan.includedTokens,
      overagePricePer1MMicros: r.plan.overagePricePer1MMicros,
    },
  }));
}
