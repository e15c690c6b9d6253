import type { PlanUpdate } from "./plan-schemas";

const big = (v: number | null | undefined) =>
  v === undefined ? undefined : v === null ? null : BigInt(v);

/** Plan input (JSON numbers) to Prisma columns (BigInt money and token counts). */
export function planData(input: PlanUpdate) {
  return {
    monthlyFeeMicros:
      input.monthlyFeeMicros === undefined ? undefined : BigInt(input.monthlyFeeMicros),
    includedTokens: input.includedTokens === undefined ? undefined : BigInt(input.includedTokens),
    overagePricePer1MMicros:
      input.overagePricePer1MMicros === undefined
        ? undefined
        : BigInt(input.overagePricePer1MMicros),
    defaultRequestsPerMinute: input.defaultRequestsPerMinute,
    defaultTokensPerMinute: input.defaultTokensPerMinute,
    defaultMonthlyTokenQuota: big(input.defaultMonthlyTokenQuota),
    allowOverage: input.allowOverage,
  };
}
