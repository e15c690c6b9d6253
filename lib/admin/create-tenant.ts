import { createTenant as insertTenant } from "@/lib/data/tenants/create-tenant";
import type { TenantCreate } from "@/lib/tenants/tenant-schemas";

/**
 * Creates a tenant on the given plan, or on the default plan ("Pay as you go") when
 * none is named. Throws ApiError `invalid_request_error` for an unknown plan.
 */
export async function createTenant({ input, actor }: { input: TenantCreate; actor: string }) {
  return insertTenant({ input, actor });
}
