import { adminRoute, parseQuery } from "@/lib/auth/admin-route";
import { UsageQuerySchema } from "@/lib/billing/billing-schemas";
import { timeRange } from "@/lib/billing/time-range";
import { reportUsage } from "@/lib/data/usage/report-usage";

export const GET = adminRoute(async ({ request }) => {
  const q = parseQuery(request, UsageQuerySchema);
  return reportUsage({ groupBy: q.groupBy, tenantId: q.tenantId, ...timeRange(q.from, q.to) });
});
