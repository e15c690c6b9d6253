import { adminRoute, parseQuery } from "@/lib/auth/admin-route";
import { RequestsQuerySchema } from "@/lib/billing/billing-schemas";
import { listRequests } from "@/lib/data/usage/list-requests";

export const GET = adminRoute(async ({ request }) => {
  const { from, to, ...q } = parseQuery(request, RequestsQuerySchema);
  return listRequests({ ...q, from: from ? Date.parse(from) : undefined, to: to ? Date.parse(to) : undefined });
});
