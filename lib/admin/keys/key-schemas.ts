import { z } from "zod";
import { monthlyLimit, perMinuteLimit } from "../limit-fields";

/** Aliases or `provider/model` names a key may use; empty means every model. */
const allowedModels = z.array(z.string().trim().min(1).max(200)).max(200);

// A key born expired, or moved into the past, is a mistake (a wrong year, a time zone
// slip): say so, not 2xx.
const expiresAt = z.iso
  .datetime({ offset: true })
  .refine((v) => Date.parse(v) > Date.now(), {
    message: "the expiry is already in the past; give a future date-time",
  })
  .nullable()
  .optional();

/** Admin API input shape for issuing a tenant API key. Money in integer micro-dollars. */
export const KeyCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).default("default"),
  allowedModels: allowedModels.default([]),
  requestsPerMinute: perMinuteLimit,
  tokensPerMinute: perMinuteLimit,
  monthlyTokenQuota: monthlyLimit,
  monthlySpendLimitMicros: monthlyLimit,
  expiresAt,
});

/**
 * `PATCH /api/admin/keys/{id}`: a key's name, allowed models (`[]`: every model) and
 * expiry (null: never); omitted fields stay. At least one field.
 */
export const KeyUpdateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    allowedModels: allowedModels.optional(),
    expiresAt,
  })
  .refine((v) => Object.values(v).some((field) => field !== undefined), {
    message: "give at least one of name, allowedModels or expiresAt",
  });

/** Longest grace period a rotation may give the replaced secret: 7 days, in seconds. */
export const MAX_GRACE_SECONDS = 7 * 24 * 3600;
/** The grace period when none is given: one hour, in seconds. */
export const DEFAULT_GRACE_SECONDS = 3600;

/**
 * `POST /api/admin/keys/{id}/rotate`: how long the replaced secret keeps working, in
 * whole seconds (0: it stops at once; at most 7 days).
 */
export const KeyRotateSchema = z.strictObject({
  graceSeconds: z.number().int().min(0).max(MAX_GRACE_SECONDS).default(DEFAULT_GRACE_SECONDS),
});

export type KeyCreate = z.infer<typeof KeyCreateSchema>;
export type KeyUpdate = z.infer<typeof KeyUpdateSchema>;
export type KeyRotate = z.infer<typeof KeyRotateSchema>;
