import { allocateMicros } from "@/lib/billing/allocate-micros";
import { picosToMicros } from "@/lib/billing/money";
import { getPrisma } from "@/lib/db";

/**
 * Upstream cost and billed revenue per UTC day of the current month, in micro-dollars,
 * with today's and the month's totals. Totals are exact pico-dollar sums rounded once
 * (`picosToMicros`); the days are the month's total allocated by largest remainder
 * (`allocateMicros`), so they add up to it, the reports' one rule.
 * Read from the daily rollups: a few rows a day however many requests there were, and
 * still whole after raw usage rows pass their retention.
 */
export async function spendSeries({ now = new Date() }: { now?: Date } = {}) {
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const rows = await getPrisma().$queryRaw<
    { day: Date; cost: string; billed: string; requests: string }[]
  >`
    SELECT "day", sum("upstreamCostPicos")::text AS cost, sum("billedPicos")::text AS billed, sum("requests")::bigint::text AS requests
    FROM "UsageRollupDaily" WHERE "day" >= ${monthStart}::date AND "day" <= ${now}::date GROUP BY 1 ORDER BY 1`;
  // Cards are exact sums rounded once; the days are allocated from the month's rounded
  // total, so the chart's days add up to the month card (see `allocateMicros`).
  const cost = allocateMicros(rows.map((r) => BigInt(r.cost)));
  const billed = allocateMicros(rows.map((r) => BigInt(r.billed)));
  const days = rows.map((r, i) => ({
    day: r.day.toISOString().slice(0, 10),
    costMicros: Number(cost.rows[i]),
    billedMicros: Number(billed.rows[i]),
    requests: Number(r.requests),
  }));
  const today = now.toISOString().slice(0, 10);
  const todayRow = rows.find((r) => r.day.toISOString().slice(0, 10) === today);
  return {
    days,
    today: {
      costMicros: Number(picosToMicros(BigInt(todayRow?.cost ?? 0))),
      billedMicros: Number(picosToMicros(BigInt(todayRow?.billed ?? 0))),
    },
    month: { costMicros: Number(cost.total), billedMicros: Number(billed.total) },
  };
}
