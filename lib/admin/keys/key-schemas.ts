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
  // A key born expired is a mistake (a wrong year, a time zone slip): say so, not 201.
  expiresAt: z.iso
    .datetime({ offset: true })
    .refine((v) => Date.parse(v) > Date.now(), {
      message: "the expiry is already in the past; give a future date-time",
    })
    .nullable()
    .optional(),
});

export type KeyCreate = z.infer<typeof KeyCreateSchema>;
