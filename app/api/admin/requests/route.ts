import { listRequests } from "@/lib/admin/list-requests";
import { adminRoute, parseQuery } from "@/lib/auth/admin-route";
import { RequestsQuerySchema } from "@/lib/billing/billing-schemas";

export const GET = adminRoute(async ({ request }) => listRequests(parseQuery(request, RequestsQuerySchema)));
