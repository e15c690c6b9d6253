/**
 * Throw-away databases for integration tests, on the Postgres at
 * TEST_DATABASE_ADMIN_URL (default: the machine's own on 5432) or, when that is
 * unreachable, on an embedded Postgres under `.data/test-postgres`.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import {
  scratchPostgres,
  withDatabase,
  type ScratchServer,
} from "../../lib/database/scratch-postgres";

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

const PREFIX = "gw_test_";
const FALLBACK_DATA_DIR = path.resolve(import.meta.dirname, "../../.data/test-postgres");

let server: Promise<ScratchServer> | undefined;

/** The server test databases live on; started (if embedded) once per process. */
export function testServer(): Promise<ScratchServer> {
  server ??= scratchPostgres({
    fallbackDataDir: FALLBACK_DATA_DIR,
    log: (m) => console.log(`[test-db] ${m}`),
  });
  return server;
}

/** Stops the embedded server if this process started one. */
export async function stopTestServer(): Promise<void> {
  const current = server;
  server = undefined;
  if (current) await (await current).stop();
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const { adminUrl } = await testServer();
  // The creation time and the creating process in the name let a later run sweep the
  // databases of runs that died without dropping them (killed, interrupted).
  const name = `${PREFIX}${Date.now().toString(36)}_${process.pid.toString(36)}_${randomBytes(4).toString("hex")}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  return {
    url: withDatabase(adminUrl, name),
    name,
    // FORCE: pools (Prisma's, the readiness check's) may still hold connections.
    drop: async () => {
      await withAdmin(adminUrl, (c) =>
        c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`),
      );
    },
  };
}

/**
 * Drops test databases left behind by runs that died: those whose creating process
 * (named in the database name) is gone from this machine, and any older than
 * `olderThanMs` (another machine's, or named before the process was recorded).
 */
export async function dropStaleTestDatabases(olderThanMs = 6 * 3600_000): Promise<string[]> {
  const { adminUrl } = await testServer();
  return withAdmin(adminUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1",
      [`${PREFIX}%`],
    );
    const stale = rows
      .map((r) => r.datname)
      .filter((n) => {
        const [time, pid, rest] = n.slice(PREFIX.length).split("_");
        const created = parseInt(time ?? "", 36);
        const creator = rest === undefined ? undefined : parseInt(pid ?? "", 36);
        if (creator !== undefined && Number.isInteger(creator) && !processAlive(creator))
          return true;
        return Number.isFinite(created) && Date.now() - created > olderThanMs;
      });
    for (const n of stale)
      await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(n)} WITH (FORCE)`);
    return stale;
  });
}

async function withAdmin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
