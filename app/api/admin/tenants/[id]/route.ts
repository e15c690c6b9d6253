import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { deleteTenant } from "@/lib/admin/tenants/delete-tenant";
import { getTenant } from "@/lib/admin/tenants/get-tenant";
import { updateTenant } from "@/lib/admin/tenants/update-tenant";
import { TenantUpdateSchema } from "@/lib/admin/tenants/tenant-schemas";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const GET = adminRoute(async ({ params }) => getTenant({ id: params.id! }));

export const PATCH = adminRoute(async ({ request, params, actor }) =>
  updateTenant({
    id: params.id!,
    input: await parseJsonBody(request, TenantUpdateSchema),
    actor: actor.actor,
  }),
);

export const DELETE = adminRoute(async ({ params, actor }) =>
  deleteTenant({ id: params.id!, actor: actor.actor }),
);

export const { POST, PUT } = methodNotAllowed("GET", "PATCH", "DELETE");
