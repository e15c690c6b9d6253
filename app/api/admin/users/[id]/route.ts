import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { changeDashboardUser } from "@/lib/admin/dashboard-users/change-dashboard-user";
import { DashboardUserUpdateSchema } from "@/lib/admin/dashboard-users/dashboard-user-schemas";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const PATCH = adminRoute(async ({ request, params, actor }) =>
  changeDashboardUser({
    id: params.id!,
    input: await parseJsonBody(request, DashboardUserUpdateSchema),
    actor: actor.actor,
  }),
);

export const { GET, POST, PUT, DELETE } = methodNotAllowed("PATCH");
