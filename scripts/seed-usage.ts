/**
 * Seeds a database with many usage rows (default 10 million, one calendar month) and
 * their rollups, for the spend benchmark (`npm run bench:spend`, also run by `npm run bench`).
 *
 *   npm run seed:usage -- [--rows 10000000] [--period 2026-10] [--tenants 50] [--keys-per-tenant 4]
 *
 * The rows are made by Postgres itself (generate_series, in chunks of a million), so a
 * run takes minutes, not hours. The database is SPEND_BENCH_DATABASE_URL, or
 * `gw_spend_bench` on the machine's Postgres (created and migrated when missing); a
 * database already seeded with the same shape is left as it is.
 */
import { parseArgs } from "node:util";
import pg from "pg";
import { applyMigrations } from "../lib/database/migrate";
import { spendBenchDatabaseUrl, ensureSpendBenchDatabase } from "./bench/spend-database";

const MODELS = [
  ["deepseek", "deepseek-chat", 140_000, 280_000, 14_000],
  ["gemini", "gemini-2.0-flash", 75_000, 300_000, 18_750],
  ["openai", "gpt-4o-mini", 150_000, 600_000, 75_000],
  ["openai", "gpt-4o", 2_500_000, 10_000_000, 1_250_000],
  ["anthropic", "claude-3-5-sonnet-latest", 3_000_000, 15_000_000, 300_000],
  ["openrouter", "meta-llama/llama-3.3-70b-instruct", 120_000, 120_000, 120_000],
] as const;

function options() {
  const { values } = parseArgs({
    options: {
      rows: { type: "string" },
      period: { type: "string" },
      tenants: { type: "string" },
      "keys-per-tenant": { type: "string" },
    },
  });
  const rows = Number(values.rows ?? 10_000_000);
  const period = values.period ?? "2026-10";
  const tenants = Number(values.tenants ?? 50);
  const keysPerTenant = Number(values["keys-per-tenant"] ?? 4);
  if (!Number.isInteger(rows) || rows < 1 || rows > 200_000_000)
    throw new Error("--rows must be a whole number from 1 to 200,000,000");
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw new Error("--period must be YYYY-MM");
  if (!Number.isInteger(tenants) || tenants < 1 || tenants > 100_000)
    throw new Error("--tenants must be a whole number from 1 to 100,000");
  if (!Number.isInteger(keysPerTenant) || keysPerTenant < 1 || keysPerTenant > 100)
    throw new Error("--keys-per-tenant must be a whole number from 1 to 100");
  return { rows, period, tenants, keysPerTenant };
}

/**
 * Row i: tenant i % T, key (i / T) % K of it, model i % 6 (weighted to the cheap ones by
 * repetition), a time spread evenly over the month, token counts varied deterministically,
 * money computed exactly as metering does (pico-dollars), 1 in 50 an error without tokens.
 */
const INSERT_CHUNK = `
INSERT INTO "UsageRecord" ("requestId","tenantId","apiKeyId","modelRequested","providerId","deploymentId","credentialId","upstreamModel",
  "promptTokens","completionTokens","cachedTokens","upstreamCostPicos","billedPicos","latencyMs","ttfbMs","httpStatus","errorClass",
  "attempts","streamed","createdAt","inputPricePer1MMicros","outputPricePer1MMicros","cachedInputPricePer1MMicros","billedPricePer1MMicros")
SELECT 'seed_' || i, 'bench_tenant_' || (i % $3), 'bench_key_' || (i % $3) || '_' || ((i / $3) % $4), 'auto', m.provider, NULL, NULL, m.model,
  CASE WHEN err THEN 0 ELSE p END, CASE WHEN err THEN 0 ELSE c END, CASE WHEN err THEN 0 ELSE h END,
  CASE WHEN err THEN 0 ELSE (p - h)::bigint * m.input + h::bigint * m.cached + c::bigint * m.output END,
  CASE WHEN err THEN 0 ELSE (p + c)::bigint * 5000000 END,
  200 + (i % 900), 50 + (i % 300), CASE WHEN err THEN 502 ELSE 200 END, CASE WHEN err THEN 'server_error' END,
  1, (i % 3) = 0, $5::timestamp + (i * $6::double precision) * interval '1 millisecond',
  m.input, m.output, m.cached, 5000000
FROM generate_series($1::bigint, $2::bigint) AS i
CROSS JOIN LATERAL (SELECT (i % 50) = 7 AS err, 20 + ((i * 37) % 2400)::int AS p, 5 + ((i * 13) % 600)::int AS c) t
CROSS JOIN LATERAL (SELECT CASE WHEN t.p >= 1024 THEN (t.p / 256) * 128 ELSE 0 END AS h) hh
JOIN (VALUES ${MODELS.map((m, k) => `(${k}, '${m[0]}', '${m[1]}', ${m[2]}::bigint, ${m[3]}::bigint, ${m[4]}::bigint)`).join(", ")}) AS m(k, provider, model, input, output, cached)
  ON m.k = (CASE WHEN i % 10 < 4 THEN 0 WHEN i % 10 < 7 THEN 1 WHEN i % 10 < 8 THEN 2 ELSE i % 6 END)`;

const ROLLUP = (
  table: "UsageRollupHourly" | "UsageRollupDaily",
  bucket: string,
  column: string,
) => `
INSERT INTO "${table}" ("${column}","tenantId","apiKeyId","model","providerId","requests","errors","promptTokens","completionTokens","cachedTokens","upstreamCostPicos","billedPicos")
SELECT ${bucket}, "tenantId", "apiKeyId", "providerId" || '/' || "upstreamModel", "providerId", count(*), count(*) FILTER (WHERE "httpStatus" >= 400),
  sum("promptTokens"), sum("completionTokens"), sum("cachedTokens"), sum("upstreamCostPicos"), sum("billedPicos")
FROM "UsageRecord" WHERE "requestId" LIKE 'seed\\_%' GROUP BY 1, 2, 3, 4, 5`;

async function main(): Promise<void> {
  const o = options();
  const url = await ensureSpendBenchDatabase();
  await applyMigrations(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const marker = `${o.rows}:${o.period}:${o.tenants}:${o.keysPerTenant}`;
    const { rows: seeded } = await client.query<{ value: string }>(
      `SELECT "value" FROM "Setting" WHERE "key" = 'bench.seed'`,
    );
    if (seeded[0]?.value === marker) {
      console.log(
        `already seeded (${marker}) in ${spendBenchDatabaseUrl().replace(/\/\/[^@]*@/, "//")}`,
      );
      return;
    }
    const started = Date.now();
    console.log(
      `seeding ${o.rows.toLocaleString("en-US")} usage rows for ${o.period} (${o.tenants} tenants x ${o.keysPerTenant} keys)...`,
    );
    await client.query(
      `DELETE FROM "UsageRollupHourly"; DELETE FROM "UsageRollupDaily"; DELETE FROM "UsageRecord" WHERE "requestId" LIKE 'seed\\_%'`,
    );
    await client.query(
      `INSERT INTO "Plan" ("id","name","updatedAt") VALUES ('bench_plan', 'Bench', now()) ON CONFLICT DO NOTHING;
       INSERT INTO "Tenant" ("id","name","planId","updatedAt") SELECT 'bench_tenant_' || t, 'Bench tenant ' || t, 'bench_plan', now() FROM generate_series(0, ${o.tenants - 1}) t ON CONFLICT DO NOTHING`,
    );
    const [year, month] = o.period.split("-").map(Number) as [number, number];
    const start = new Date(Date.UTC(year, month - 1, 1)).toISOString();
    const spacingMs = (Date.UTC(year, month, 1) - Date.UTC(year, month - 1, 1)) / o.rows;
    // Building the table's indexes once at the end is several times faster than keeping
    // them current row by row; their definitions are read back from Postgres, unchanged.
    const { rows: indexes } = await client.query<{ name: string; def: string }>(
      `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
       WHERE i.tablename = 'UsageRecord' AND i.indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype = 'p')`,
    );
    await client.query(`SET synchronous_commit = off; SET maintenance_work_mem = '256MB'`);
    for (const ix of indexes)
      await client.query(`DROP INDEX IF EXISTS ${client.escapeIdentifier(ix.name)}`);
    const chunk = 1_000_000;
    try {
      for (let from = 0; from < o.rows; from += chunk) {
        const to = Math.min(o.rows, from + chunk) - 1;
        await client.query(INSERT_CHUNK, [from, to, o.tenants, o.keysPerTenant, start, spacingMs]);
        console.log(
          `  ${(to + 1).toLocaleString("en-US")} rows (${Math.round((Date.now() - started) / 1000)} s)`,
        );
      }
    } finally {
      console.log(`rebuilding ${indexes.length} indexes...`);
      for (const ix of indexes) await client.query(ix.def);
    }
    console.log("building the hourly and daily rollups...");
    await client.query(ROLLUP("UsageRollupHourly", `date_trunc('hour', "createdAt")`, "hour"));
    await client.query(ROLLUP("UsageRollupDaily", `"createdAt"::date`, "day"));
    await client.query(`VACUUM ANALYZE "UsageRecord"`);
    await client.query(`VACUUM ANALYZE "UsageRollupHourly"`);
    await client.query(`VACUUM ANALYZE "UsageRollupDaily"`);
    await client.query(
      `INSERT INTO "Setting" ("key","value","updatedAt") VALUES ('bench.seed', $1, now()) ON CONFLICT ("key") DO UPDATE SET "value" = $1, "updatedAt" = now()`,
      [marker],
    );
    console.log(`seeded in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    await client.end();
  }
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
