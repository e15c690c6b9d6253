import { listRequests } from "@/lib/admin/list-requests";
import { adminRoute, parseQuery } from "@/lib/auth/admin-route";
import { RequestsQuerySchema } from "@/lib/billing/billing-schemas";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const GET = adminRoute(async ({ request }) =>
  listRequests(parseQuery(request, RequestsQuerySchema)),
);

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
