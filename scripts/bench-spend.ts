/**
 * Spend reports over a seeded database (`npm run seed:usage`, 10 million usage rows by
 * default): the p50/p95/max of the admin API's own report queries (lib/admin/usage), run
 * one after another on a warm connection.
 *
 *   npm run bench:spend -- [--runs 40] [--period 2026-10] [--day 2026-10-15]
 *
 * Reports spend by tenant for the month, by model for one day, by day for one tenant,
 * the overview's spend of the month, and a request-log page deep in the table. Target: p95 under 200 ms each.
 */
import { parseArgs } from "node:util";
import pg from "pg";
import { listRequests } from "../lib/admin/requests/list-requests";
import { spendSeries } from "../lib/admin/overview/spend-series";
import { readUsageReport } from "../lib/admin/usage/read-usage-report";
import { disconnectPrisma, setDatabaseUrl } from "../lib/db";
import { measure, type Measured } from "./bench/measure";
import { spendBenchDatabaseUrl } from "./bench/spend-database";

export async function benchSpend(
  argv: string[] = process.argv.slice(2),
): Promise<Measured[] | null> {
  const { values } = parseArgs({
    args: argv,
    options: { runs: { type: "string" }, period: { type: "string" }, day: { type: "string" } },
    strict: false,
  });
  const runs = Number(values.runs ?? 40);
  const period = String(values.period ?? "2026-10");
  const day = String(values.day ?? `${period}-15`);
  const url = spendBenchDatabaseUrl();
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  let seeded: string | undefined;
  try {
    await probe.connect();
    seeded = (
      await probe.query<{ value: string }>(
        `SELECT "value" FROM "Setting" WHERE "key" = 'bench.seed'`,
      )
    ).rows[0]?.value;
  } catch {
    seeded = undefined;
  } finally {
    await probe.end().catch(() => {});
  }
  if (!seeded) {
    console.log(
      "spend reports: no seeded database; run `npm run seed:usage` first (10M rows, a few minutes).",
    );
    return null;
  }
  setDatabaseUrl(url);
  const [y, m] = period.split("-").map(Number) as [number, number];
  const monthStart = Date.UTC(y, m - 1, 1);
  const monthEnd = Date.UTC(y, m, 1);
  const dayStart = Date.parse(`${day}T00:00:00Z`);
  const results = [
    await measure(
      "spend by tenant, one month",
      runs,
      async () =>
        (await readUsageReport({ groupBy: "tenant", from: monthStart, to: monthEnd })).data.length,
    ),
    await measure(
      "spend by model, one day",
      runs,
      async () =>
        (await readUsageReport({ groupBy: "model", from: dayStart, to: dayStart + 86_400_000 }))
          .data.length,
    ),
    await measure(
      "spend by model, one day, hourly range",
      runs,
      async () =>
        (
          await readUsageReport({
            groupBy: "model",
            from: dayStart + 3_600_000,
            to: dayStart + 86_400_000,
          })
        ).data.length,
    ),
    await measure(
      "one tenant by day, one month",
      runs,
      async () =>
        (
          await readUsageReport({
            groupBy: "day",
            tenantId: "bench_tenant_7",
            from: monthStart,
            to: monthEnd,
          })
        ).data.length,
    ),
    await measure(
      "overview: spend this month per day",
      runs,
      async () => (await spendSeries({ now: new Date(monthEnd - 1) })).days.length,
    ),
    await measure(
      "request log, 50 rows, 5M rows deep",
      runs,
      async () =>
        (await listRequests({ limit: 50, tenantId: "bench_tenant_7", cursor: "5000000" })).data
          .length,
    ),
  ];
  console.log(
    `\nSpend reports over the seeded database (${seeded.split(":")[0]} usage rows), ${runs} runs each:`,
  );
  console.table(results);
  await disconnectPrisma();
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchSpend().catch((err: unknown) => {
    console.error((err as Error).message);
    process.exit(1);
  });
}
