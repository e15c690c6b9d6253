import { AlertsQuerySchema } from "@/lib/admin/alerts/alert-schemas";
import { listAlerts } from "@/lib/admin/alerts/list-alerts";
import { adminRoute, parseQuery } from "@/lib/auth/admin-route";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const GET = adminRoute(async ({ request }) => ({
  data: await listAlerts(parseQuery(request, AlertsQuerySchema)),
}));

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
