/**
 * The auth-failures page under a storm: 800,000 upstream 401/403 rows in two hours (the
 * founding incident's count) on the spend benchmark's database (`gw_spend_bench`, created
 * and migrated when missing; its usage rows need not be seeded), then the p50/p95/max
 * of the page's two queries: the timeline (from the per-minute counts written with the
 * failures, as the gateway writes them), and the newest events for the table beneath.
 *
 *   npm run bench -- --only authfail        (or: npx tsx scripts/bench-auth-failures.ts [--runs 20])
 *
 * The rows are written once (a marker in `Setting`), in SQL, in a few seconds.
 */
import { parseArgs } from "node:util";
import pg from "pg";
import { authFailureTimeline } from "../lib/admin/credentials/auth-failure-timeline";
import { listAuthFailures } from "../lib/admin/credentials/list-auth-failures";
import { applyMigrations } from "../lib/database/migrate";
import { disconnectPrisma, setDatabaseUrl } from "../lib/db";
import { ensureSpendBenchDatabase } from "./bench/spend-database";
import { measure, type Measured } from "./bench/measure";

const EVENTS = 800_000;
const STORM_START = Date.parse("2026-09-01T10:00:00Z");
const STORM_MS = 2 * 3_600_000;
const MARKER = `authfail:v2:${EVENTS}:${STORM_START}`;

/** Two credentials of one provider: the revoked key (401s, nine in ten) and its neighbour (403s). */
const SEED = `
INSERT INTO "AuthFailure" ("credentialId","providerId","httpStatus","errorClass","code","message","requestId","createdAt")
SELECT CASE WHEN i % 10 = 0 THEN 'bench_cred_b' ELSE 'bench_cred_a' END, 'openai',
  CASE WHEN i % 10 = 0 THEN 403 ELSE 401 END, CASE WHEN i % 10 = 0 THEN 'transient_auth' ELSE 'permanent_auth' END,
  'invalid_api_key', 'Incorrect API key provided.', 'authfail_' || i,
  to_timestamp($1::double precision / 1000) + (i * ($2::double precision / $3)) * interval '1 millisecond'
FROM generate_series(1, $3::bigint) AS i`;

/** The per-minute counts the gateway writes with each batch of failures, for the same rows. */
const SEED_MINUTES = `
INSERT INTO "AuthFailureMinute" ("minute","credentialId","httpStatus","count")
SELECT date_trunc('minute', "createdAt"), "credentialId", "httpStatus", count(*)::int FROM "AuthFailure"
WHERE "requestId" LIKE 'authfail\\_%' GROUP BY 1, 2, 3`;

export async function benchAuthFailures(
  argv: string[] = process.argv.slice(2),
): Promise<Measured[]> {
  const { values } = parseArgs({
    args: argv,
    options: { runs: { type: "string" } },
    strict: false,
  });
  const runs = Number(values.runs ?? 20);
  const url = await ensureSpendBenchDatabase();
  await applyMigrations(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ value: string }>(
      `SELECT "value" FROM "Setting" WHERE "key" = 'bench.authfail'`,
    );
    if (rows[0]?.value !== MARKER) {
      const started = Date.now();
      await client.query(`DELETE FROM "AuthFailure" WHERE "requestId" LIKE 'authfail\\_%'`);
      await client.query(
        `DELETE FROM "AuthFailureMinute" WHERE "credentialId" LIKE 'bench\\_cred\\_%'`,
      );
      await client.query(SEED, [STORM_START, STORM_MS, EVENTS]);
      await client.query(SEED_MINUTES);
      await client.query(`ANALYZE "AuthFailure"`);
      await client.query(
        `INSERT INTO "Setting" ("key","value","updatedAt") VALUES ('bench.authfail', $1, now()) ON CONFLICT ("key") DO UPDATE SET "value" = $1, "updatedAt" = now()`,
        [MARKER],
      );
      console.log(
        `seeded ${EVENTS.toLocaleString("en-US")} auth failures in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }
  } finally {
    await client.end();
  }
  setDatabaseUrl(url);
  const from = new Date(STORM_START);
  const to = new Date(STORM_START + STORM_MS);
  const results = [
    await measure(
      "timeline, 2 h storm, all credentials",
      runs,
      async () => (await authFailureTimeline({ from, to })).buckets.length,
    ),
    await measure(
      "timeline, 2 h storm, one credential",
      runs,
      async () =>
        (await authFailureTimeline({ from, to, credentialId: "bench_cred_a" })).buckets.length,
    ),
    await measure(
      "newest 1,000 events of the storm",
      runs,
      async () => (await listAuthFailures({ from, to })).data.length,
    ),
  ];
  console.log(
    `\nAuth-failures page over ${EVENTS.toLocaleString("en-US")} events in 2 hours, ${runs} runs each:`,
  );
  console.table(results);
  await disconnectPrisma();
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchAuthFailures().catch((err: unknown) => {
    console.error((err as Error).message);
    process.exit(1);
  });
}
