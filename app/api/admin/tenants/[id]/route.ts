import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { deleteTenant } from "@/lib/admin/delete-tenant";
import { getTenant } from "@/lib/data/tenants/get-tenant";
import { updateTenant } from "@/lib/admin/update-tenant";
import { TenantUpdateSchema } from "@/lib/tenants/tenant-schemas";
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
