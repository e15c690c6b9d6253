import { listAuditEvents } from "@/lib/admin/list-audit-events";
import { adminRoute, parseQuery } from "@/lib/auth/admin-route";
import { AuditQuerySchema } from "@/lib/billing/billing-schemas";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const GET = adminRoute(async ({ request }) =>
  listAuditEvents(parseQuery(request, AuditQuerySchema)),
);

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
