import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { addDashboardUser, DashboardUserCreateSchema } from "@/lib/admin/dashboard-users";
import { listDashboardUsers } from "@/lib/data/dashboard-users/list-dashboard-users";
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
