/**
 * The database the benchmarked gateway runs on: DATABASE_URL when set (it must be a
 * scratch database: the gateway's start-up writes the bench's admin key and provider keys
 * into it), otherwise a throw-away database on the machine's Postgres, dropped afterwards.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { applyMigrations } from "../../lib/database/migrate";

const ADMIN_URL =
  process.env.BENCH_POSTGRES_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export interface BenchDatabase {
  url: string;
  /** `DATABASE_URL` (kept) or a throw-away name (dropped). */
  description: string;
  /** Pids of the Postgres backends currently connected to it (the gateway's pool). */
  backendPids(): Promise<number[]>;
  drop(): Promise<void>;
}

async function backendPids(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function benchDatabase(): Promise<BenchDatabase> {
  const given = process.env.DATABASE_URL?.trim();
  if (given) {
    await applyMigrations(given);
    return {
      url: given,
      description: "DATABASE_URL",
      backendPids: () => backendPids(given),
      drop: async () => {},
    };
  }
  // The time in the name tells a leftover (from a SIGKILLed run) from a live one.
  const name = `gw_bench_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    // FORCE: a gateway killed hard may leave connections behind for a moment.
    await withAdmin((c) =>
      c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`),
    );
  };
  try {
    await applyMigrations(url.toString());
  } catch (err) {
    await drop();
    throw err;
  }
  return {
    url: url.toString(),
    description: `throw-away ${name} (dropped afterwards)`,
    backendPids: () => backendPids(url.toString()),
    drop,
  };
}
