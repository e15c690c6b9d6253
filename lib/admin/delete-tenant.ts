import { publishClusterEvent } from "@/lib/cluster/cluster-events";
import { deleteTenant as softDeleteTenant } from "@/lib/data/tenants/delete-tenant";

/**
 * Soft-deletes a tenant and revokes all its keys on every instance at once; usage and
 * invoices stay. Returns `{id, deleted: true}`. Throws ApiError `not_found`.
 */
export async function deleteTenant({ id, actor }: { id: string; actor: string }) {
  const deleted = await softDeleteTenant({ id, actor });
  await publishClusterEvent({ type: "tenant_changed", tenantId: id });
  return deleted;
}
