import { z } from "zod";
import { instant, pageCursor } from "@/lib/admin/query-fields";

/** `GET /api/admin/audit`: filters and one keyset page of the audit trail. */
export const AuditQuerySchema = z.strictObject({
  /** Inclusive. */
  from: instant.optional(),
  /** Exclusive. */
  to: instant.optional(),
  actor: z.string().min(1).max(200).optional(),
  /** An exact action (`price.changed`) or a family (`price`, `invoice`). */
  action: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: pageCursor.optional(),
});

export type AuditQuery = z.output<typeof AuditQuerySchema>;
