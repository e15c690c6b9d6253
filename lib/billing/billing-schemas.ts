import { z } from "zod";

/** Admin API input shapes for prices, usage reports, the request log and audit. */
const price = z.number().int().nonnegative().max(1_000_000_000_000);

const PriceChangeSchema = z
  .strictObject({
    deploymentId: z.string().min(1).max(200).optional(),
    model: z.string().min(3).max(300).optional(),
    inputPricePer1MMicros: price.optional(),
    outputPricePer1MMicros: price.optional(),
    cachedInputPricePer1MMicros: price.nullable().optional(),
    cacheWritePricePer1MMicros: price.nullable().optional(),
    billedPricePer1MMicros: price.nullable().optional(),
  })
  .refine((c) => c.deploymentId !== undefined || c.model !== undefined, {
    message: "Name the deployment: 'deploymentId' or 'model' (provider/model).",
  });

/** One change, or `{prices: [...]}` for several at once. */
export const PricesUpdateSchema = z.union([
  z.strictObject({ prices: z.array(PriceChangeSchema).min(1).max(500) }),
  PriceChangeSchema.transform((c) => ({ prices: [c] })),
]);

const instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()], {
  error:
    "expected an ISO 8601 date (2026-11-30, UTC) or date-time with a time zone (2026-11-30T09:00:00Z)",
});
const id = z.string().min(1).max(200);

export const UsageQuerySchema = z.strictObject({
  groupBy: z
    .enum(["tenant", "key", "model", "provider", "day", "hour", "user", "tag"])
    .default("tenant"),
  from: instant.optional(),
  to: instant.optional(),
  tenantId: id.optional(),
});

export const RequestsQuerySchema = z.strictObject({
  tenantId: id.optional(),
  keyId: id.optional(),
  model: z.string().min(1).max(300).optional(),
  provider: z.string().min(1).max(100).optional(),
  status: z.coerce.number().int().min(100).max(999).optional(),
  from: instant.optional(),
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, "a cursor from a previous page's nextCursor")
    .optional(),
});

export const AuditQuerySchema = z.strictObject({
  from: instant.optional(),
  to: instant.optional(),
  actor: z.string().min(1).max(200).optional(),
  action: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, "a cursor from a previous page's nextCursor")
    .optional(),
});

export type UsageQuery = z.infer<typeof UsageQuerySchema>;
export type RequestsQuery = z.infer<typeof RequestsQuerySchema>;
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
