import { listAuditEvents } from "@/lib/admin/list-audit-events";
import { adminRoute, parseQuery } from "@/lib/auth/admin-route";
import { AuditQuerySchema } from "@/lib/billing/billing-schemas";

export const GET = adminRoute(async ({ request }) => listAuditEvents(parseQuery(request, AuditQuerySchema)));
