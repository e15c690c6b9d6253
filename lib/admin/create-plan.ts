import { createPlan as insertPlan } from "@/lib/data/plans/create-plan";
import type { PlanCreate } from "@/lib/tenants/tenant-schemas";

/**
 * Creates a plan (monthly fee and overage price in micro-dollars, included tokens,
 * default limits). Throws ApiError `conflict` when the name is taken.
 */
export async function createPlan({ input, actor }: { input: PlanCreate; actor: string }) {
  return insertPlan({ input, actor });
}
