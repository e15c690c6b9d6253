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

export const PlanCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  monthlyFeeMicros: z.number().int().nonnegative().default(0),
  includedTokens: z.number().int().nonnegative().default(0),
  overagePricePer1MMicros: z.number().int().nonnegative(),
  defaultRequestsPerMinute: limit,
  defaultTokensPerMinute: limit,
  defaultMonthlyTokenQuota: bigLimit,
});

export const PlanUpdateSchema = PlanCreateSchema.partial();

export const KeyCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).default("default"),
  allowedModels: z.array(z.string().min(1).max(200)).max(200).default([]),
  requestsPerMinute: limit,
  tokensPerMinute: limit,
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});

export type TenantCreate = z.infer<typeof TenantCreateSchema>;
export type TenantUpdate = z.infer<typeof TenantUpdateSchema>;
export type PlanCreate = z.infer<typeof PlanCreateSchema>;
export type PlanUpdate = z.infer<typeof PlanUpdateSchema>;
export type KeyCreate = z.infer<typeof KeyCreateSchema>;
