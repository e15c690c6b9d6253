import { adminRoute, parseQuery } from "@/lib/auth/admin-route";
import { AuditQuerySchema } from "@/lib/billing/billing-schemas";
import { listAuditEvents } from "@/lib/data/audit/list-audit-events";

export const GET = adminRoute(async ({ request }) => {
  const { from, to, ...q } = parseQuery(request, AuditQuerySchema);
  return listAuditEvents({ ...q, from: from ? Date.parse(from) : undefined, to: to ? Date.parse(to) : undefined });
});
