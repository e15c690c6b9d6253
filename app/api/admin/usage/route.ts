import { reportUsage } from "@/lib/admin/usage/report-usage";
import { UsageQuerySchema } from "@/lib/admin/usage/usage-schemas";
import { adminRoute, parseQuery } from "@/lib/auth/admin-route";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const GET = adminRoute(async ({ request }) =>
  reportUsage(parseQuery(request, UsageQuerySchema)),
);

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
