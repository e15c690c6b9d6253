import { getPrisma } from "@/lib/db";

/**
 * Upstream cost and billed revenue per UTC day of the current month, in micro-dollars
 * (summed exactly in pico-dollars per day, then rounded once to the nearest micro-dollar),
 * with today's and the month's totals.
 * Read from the daily rollups: a few rows a day however many requests there were, and
 * still whole after raw usage rows pass their retention.
 */
export async function spendSeries({ now = new Date() }: { now?: Date } = {}) {
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const rows = await getPrisma().$queryRaw<{ day: Date; cost: string; billed: string; requests: string }[]>`
    SELECT "day",
      (sum("upstreamCostPicos") / 1000000)::bigint::text AS cost,
      (sum("billedPicos") / 1000000)::bigint::text AS billed,
      sum("requests")::bigint::text AS requests
    FROM "UsageRollupDaily" WHERE "day" >= ${monthStart}::date AND "day" <= ${now}::date GROUP BY 1 ORDER BY 1`;
  const days = rows.map((r) => ({ day: r.day.toISOString().slice(0, 10), costMicros: Number(r.cost), billedMicros: Number(r.billed), requests: Number(r.requests) }));
  const today = now.toISOString().slice(0, 10);
  const todayRow = days.find((d) => d.day === today);
  return {
    days,
    today: { costMicros: todayRow?.costMicros ?? 0, billedMicros: todayRow?.billedMicros ?? 0 },
    month: { costMicros: days.reduce((s, d) => s + d.costMicros, 0), billedMicros: days.reduce((s, d) => s + d.billedMicros, 0) },
  };
}
