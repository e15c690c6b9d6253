import { microsToDecimal, toCsv } from "@/lib/format/csv";
import type { UsageGroupBy, UsageRow } from "@/lib/queries/use-usage";

/**
 * The Spend page's download: one row per group (its display name first), tokens as
 * counts and money as exact decimal dollars, through the one CSV writer (free text such
 * as a tenant or model name that reads as a formula is neutralised there).
 */
export function spendCsv(groupBy: UsageGroupBy, rows: (UsageRow & { name: string })[]): string {
  return toCsv(
    [
      groupBy,
      "requests",
      "errors",
      "prompt_tokens",
      "completion_tokens",
      "cached_tokens",
      "cost_usd",
      "billed_usd",
      "margin_usd",
    ],
    rows.map((r) => [
      r.name,
      r.requests,
      r.errors ?? 0,
      r.promptTokens ?? 0,
      r.completionTokens ?? 0,
      r.cachedTokens ?? 0,
      microsToDecimal(Number(r.costMicros)),
      microsToDecimal(Number(r.billedMicros)),
      microsToDecimal(r.marginMicros),
    ]),
  );
}
