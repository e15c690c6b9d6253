import { adminRoute } from "@/lib/auth/admin-route";
import { listDashboardSessions } from "@/lib/admin/dashboard-users/list-dashboard-sessions";
import { signOutEverywhere } from "@/lib/admin/dashboard-users/sign-out-everywhere";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const GET = adminRoute(async ({ params, actor }) => ({
  data: await listDashboardSessions({ userId: params.id!, currentSessionId: actor.sessionId }),
}));

/** Sign out everywhere. */
export const DELETE = adminRoute(async ({ params, actor }) =>
  signOutEverywhere({ userId: params.id!, actor: actor.actor }),
);

export const { POST, PUT, PATCH } = methodNotAllowed("GET", "DELETE");
