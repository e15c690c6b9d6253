import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { changeDashboardUser, DashboardUserUpdateSchema } from "@/lib/admin/dashboard-users";

export const PATCH = adminRoute(async ({ request, params, actor }) => changeDashboardUser({ id: params.id!, input: await parseJsonBody(request, DashboardUserUpdateSchema), actor: actor.actor }));
