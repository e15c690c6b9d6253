import { picosToMicros } from "@/lib/billing/money";
import { getPrisma } from "@/lib/db";

/**
 * Upstream cost and billed revenue per UTC day of the current month, in micro-dollars,
 * with today's and the month's totals. Every figure is an exact pico-dollar sum turned
 * into micro-dollars once, by the reports' one rule (`picosToMicros`), so the month is
 * not a sum of rounded days.
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
  const money = (costPicos: bigint, billedPicos: bigint) => ({
    costMicros: Number(picosToMicros(costPicos)),
    billedMicros: Number(picosToMicros(billedPicos)),
  });
  let monthCost = 0n;
  let monthBilled = 0n;
  const days = rows.map((r) => {
    monthCost += BigInt(r.cost);
    monthBilled += BigInt(r.billed);
    return {
      day: r.day.toISOString().slice(0, 10),
      ...money(BigInt(r.cost), BigInt(r.billed)),
      requests: Number(r.requests),
    };
  });
  const today = now.toISOString().slice(0, 10);
  const todayRow = days.find((d) => d.day === today);
  return {
    days,
    today: { costMicros: todayRow?.costMicros ?? 0, billedMicros: todayRow?.billedMicros ?? 0 },
    month: money(monthCost, monthBilled),
  };
}
