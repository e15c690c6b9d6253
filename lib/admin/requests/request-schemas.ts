import { z } from "zod";
import { instant, pageCursor, recordId } from "@/lib/admin/query-fields";
import { API_NAMES } from "@/lib/gateway/inbound/inbound-api";

/** `GET /api/admin/requests`: filters and one keyset page of the request log. */
export const RequestsQuerySchema = z.strictObject({
  tenantId: recordId.optional(),
  keyId: recordId.optional(),
  /** The requested name or the `provider/model` that served. */
  model: z.string().min(1).max(300).optional(),
  provider: z.string().min(1).max(100).optional(),
  status: z.coerce.number().int().min(100).max(999).optional(),
  /** Which API the request came in by. */
  api: z.enum(API_NAMES).optional(),
  /** Inclusive. */
  from: instant.optional(),
  /** Exclusive. */
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** The last row id of the previous page. */
  cursor: pageCursor.optional(),
});

export type RequestsQuery = z.output<typeof RequestsQuerySchema>;
