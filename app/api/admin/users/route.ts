import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { addDashboardUser } from "@/lib/admin/dashboard-users/add-dashboard-user";
import { DashboardUserCreateSchema } from "@/lib/admin/dashboard-users/dashboard-user-schemas";
import { listDashboardUsers } from "@/lib/admin/dashboard-users/list-dashboard-users";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const GET = adminRoute(async () => ({ data: await listDashboardUsers() }));

export const POST = adminRoute(
  async ({ request, actor }) =>
    addDashboardUser({
      input: await parseJsonBody(request, DashboardUserCreateSchema),
      actor: actor.actor,
    }),
  201,
);

export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST");
