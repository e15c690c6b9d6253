import { reportUsage } from "@/lib/admin/report-usage";
import { adminRoute, parseQuery } from "@/lib/auth/admin-route";
import { UsageQuerySchema } from "@/lib/billing/billing-schemas";

export const GET = adminRoute(async ({ request }) => reportUsage(parseQuery(request, UsageQuerySchema)));
