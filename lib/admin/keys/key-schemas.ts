import { z } from "zod";
import { monthlyLimit, perMinuteLimit } from "../limit-fields";

/** Admin API input shape for issuing a tenant API key. Money in integer micro-dollars. */
export const KeyCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).default("default"),
  allowedModels: z.array(z.string().min(1).max(200)).max(200).default([]),
  requestsPerMinute: perMinuteLimit,
  tokensPerMinute: perMinuteLimit,
  monthlyTokenQuota: monthlyLimit,
  monthlySpendLimitMicros: monthlyLimit,
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});

export type KeyCreate = z.infer<typeof KeyCreateSchema>;
