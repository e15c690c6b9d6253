import { reportUsage } from "@/lib/admin/report-usage";
import { adminRoute, parseQuery } from "@/lib/auth/admin-route";
import { UsageQuerySchema } from "@/lib/billing/billing-schemas";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const GET = adminRoute(async ({ request }) =>
  reportUsage(parseQuery(request, UsageQuerySchema)),
);

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
