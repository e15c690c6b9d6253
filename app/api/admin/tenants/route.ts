import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { createTenant } from "@/lib/admin/tenants/create-tenant";
import { listTenants } from "@/lib/admin/tenants/list-tenants";
import { TenantCreateSchema } from "@/lib/admin/tenants/tenant-schemas";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const GET = adminRoute(async () => ({ data: await listTenants() }));

export const POST = adminRoute(
  async ({ request, actor }) =>
    createTenant({ input: await parseJsonBody(request, TenantCreateSchema), actor: actor.actor }),
  201,
);

export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST");
