import { publishClusterEvent } from "@/lib/cluster/cluster-events";
import { updateTenant as writeTenant } from "@/lib/data/tenants/update-tenant";
import type { TenantUpdate } from "@/lib/tenants/tenant-schemas";

/**
 * Changes a tenant (name, plan, limits, status); omitted fields stay. Every instance
 * re-reads this tenant's keys at once, so a suspension or a new limit applies within a
 * second. Throws ApiError `not_found` or `invalid_request_error` (unknown plan).
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
  const tenant = await writeTenant({ id, input, actor });
  await publishClusterEvent({ type: "tenant_changed", tenantId: id });
  return tenant;
}
