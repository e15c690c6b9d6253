import { listRequests } from "@/lib/admin/requests/list-requests";
import { RequestsQuerySchema } from "@/lib/admin/requests/request-schemas";
import { adminRoute, parseQuery } from "@/lib/auth/admin-route";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const GET = adminRoute(async ({ request }) =>
  listRequests(parseQuery(request, RequestsQuerySchema)),
);

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
