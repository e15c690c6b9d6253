import { z } from "zod";
import { monthlyLimit, perMinuteLimit } from "../limit-fields";

/** Admin API input shapes for plans. Money in integer micro-dollars. */
const planFields = {
  name: z.string().trim().min(1).max(200),
  monthlyFeeMicros: z.number().int().nonnegative(),
  includedTokens: z.number().int().nonnegative(),
  overagePricePer1MMicros: z.number().int().nonnegative(),
  defaultRequestsPerMinute: perMinuteLimit,
  defaultTokensPerMinute: perMinuteLimit,
  defaultMonthlyTokenQuota: monthlyLimit,
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

export type PlanCreate = z.infer<typeof PlanCreateSchema>;
export type PlanUpdate = z.infer<typeof PlanUpdateSchema>;
