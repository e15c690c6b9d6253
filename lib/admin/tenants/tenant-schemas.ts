import { z } from "zod";
import { monthlyLimit, perMinuteLimit } from "../limit-fields";

/** Admin API input shapes for tenants. Money in integer micro-dollars. */
export const TenantCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  planId: z.string().min(1).optional(),
  requestsPerMinute: perMinuteLimit,
  tokensPerMinute: perMinuteLimit,
  monthlyTokenQuota: monthlyLimit,
  monthlySpendLimitMicros: monthlyLimit,
});

export const TenantUpdateSchema = TenantCreateSchema.partial().extend({
  status: z.enum(["active", "suspended"]).optional(),
});

export type TenantCreate = z.infer<typeof TenantCreateSchema>;
export type TenantUpdate = z.infer<typeof TenantUpdateSchema>;
