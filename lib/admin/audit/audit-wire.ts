import type { WireOf } from "@/lib/admin/wire";
import type { listAuditEvents } from "./list-audit-events";

/** `GET /api/admin/audit`: one page of the audit trail as the dashboard receives it. */
export type AuditPageWire = WireOf<typeof listAuditEvents>;
/** One audited action: who, what, on which target, when. */
export type AuditRowWire = AuditPageWire["data"][number];
