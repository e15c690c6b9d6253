import { AuditQuerySchema } from "@/lib/admin/audit/audit-schemas";
import { listAuditEvents } from "@/lib/admin/audit/list-audit-events";
import { adminRoute, parseQuery } from "@/lib/auth/admin-route";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const GET = adminRoute(async ({ request }) =>
  listAuditEvents(parseQuery(request, AuditQuerySchema)),
);

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
