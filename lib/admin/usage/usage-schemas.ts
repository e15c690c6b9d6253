import { z } from "zod";
import { instant, recordId } from "@/lib/admin/query-fields";
import { API_NAMES } from "@/lib/gateway/inbound/inbound-api";

/** What a spend report can be grouped by. */
export const USAGE_GROUPS = [
  "tenant",
  "key",
  "model",
  "provider",
  "day",
  "hour",
  "user",
  "tag",
  "api",
] as const;
export type UsageGroupBy = (typeof USAGE_GROUPS)[number];

/** `GET /api/admin/usage`: a spend report over [from, to) (default: the current UTC month). */
export const UsageQuerySchema = z.strictObject({
  groupBy: z.enum(USAGE_GROUPS).default("tenant"),
  from: instant.optional(),
  to: instant.optional(),
  tenantId: recordId.optional(),
  /** Only requests that came in by this API (chat, messages, responses, embeddings). */
  api: z.enum(API_NAMES).optional(),
});

export type UsageQuery = z.output<typeof UsageQuerySchema>;
