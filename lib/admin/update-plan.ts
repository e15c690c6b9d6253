import { publishClusterEvent } from "@/lib/cluster/cluster-events";
import { updatePlan as writePlan } from "@/lib/data/plans/update-plan";
import type { PlanUpdate } from "@/lib/tenants/tenant-schemas";

/**
 * Changes a plan; omitted fields stay. The change reaches every tenant on it at once:
 * their keys are re-read on every instance. Throws ApiError `not_found`.
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
  const { plan, tenantIds } = await writePlan({ id, input, actor });
  await Promise.all(
    tenantIds.map((tenantId) => publishClusterEvent({ type: "tenant_changed", tenantId })),
  );
  return plan;
}
