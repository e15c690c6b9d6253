import { z } from "zod";

/** Admin API input shapes for tenants, plans and keys. Money in integer micro-dollars. */
const limit = z.number().int().positive().nullable().optional();
const bigLimit = z.number().int().nonnegative().nullable().optional();

export const TenantCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  planId: z.string().min(1).optional(),
  requestsPerMinute: limit,
  tokensPerMinute: limit,
  monthlyTokenQuota: bigLimit,
  monthlySpendLimitMicros: bigLimit,
});

export const TenantUpdateSchema = TenantCreateSchema.partial().extend({
  status: z.enum(["active", "suspended"]).optional(),
});

const planFields = {
  name: z.string().trim().min(1).max(200),
  monthlyFeeMicros: z.number().int().nonnegative(),
  includedTokens: z.number().int().nonnegative(),
  overagePricePer1MMicros: z.number().int().nonnegative(),
  defaultRequestsPerMinute: limit,
  defaultTokensPerMinute: limit,
  defaultMonthlyTokenQuota: bigLimit,
  /** False: past the included tokens, 429 `quota_exceeded` instead of overage (like Free). */
  allowOverage: z.boolean(),
};

export const PlanCreateSchema = z.strictObject({
  ...planFields,
  monthlyFeeMicros: planFields.monthlyFeeMicros.default(0),
  includedTokens: planFields.includedTokens.default(0),
  allowOverage: planFields.allowOverage.default(true),
});

// Built from the fields without defaults: `.partial()` keeps a `.default()`, so a PATCH
// that omitted the monthly fee or included tokens would silently reset them to 0.
export const PlanUpdateSchema = z.strictObject(planFields).partial();

export const KeyCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).default("default"),
  allowedModels: z.array(z.string().min(1).max(200)).max(200).default([]),
  requestsPerMinute: limit,
  tokensPerMinute: limit,
  monthlyTokenQuota: bigLimit,
  monthlySpendLimitMicros: bigLimit,
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});

export type TenantCreate = z.infer<typeof TenantCreateSchema>;
export type TenantUpdate = z.infer<typeof TenantUpdateSchema>;
export type PlanCreate = z.infer<typeof PlanCreateSchema>;
export type PlanUpdate = z.infer<typeof PlanUpdateSchema>;
export type KeyCreate = z.infer<typeof KeyCreateSchema>;
