import type { AuditQuery } from "@/lib/billing/billing-schemas";
import { listAuditEvents as readAuditEvents } from "@/lib/data/audit/list-audit-events";

/** One page of the audit trail, newest first, filtered by time, actor and action (or action family). */
export async function listAuditEvents({ from, to, ...query }: AuditQuery) {
  return readAuditEvents({
    ...query,
    from: from ? Date.parse(from) : undefined,
    to: to ? Date.parse(to) : undefined,
  });
}
