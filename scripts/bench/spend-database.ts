/** The spend benchmark's database: SPEND_BENCH_DATABASE_URL, or `gw_spend_bench` on the machine's Postgres. */
import pg from "pg";

const ADMIN_URL =
  process.env.BENCH_POSTGRES_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const NAME = "gw_spend_bench";

export function spendBenchDatabaseUrl(): string {
  const given = process.env.SPEND_BENCH_DATABASE_URL?.trim();
  if (given) return given;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${NAME}`;
  return url.toString();
}

/** Creates `gw_spend_bench` when it is missing (never when a URL is given); returns its URL. */
export async function ensureSpendBenchDatabase(): Promise<string> {
  if (process.env.SPEND_BENCH_DATABASE_URL?.trim()) return spendBenchDatabaseUrl();
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [NAME]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(NAME)}`);
  } finally {
    await client.end();
  }
  return spendBenchDatabaseUrl();
}
