import pg from "pg";

/** Lock id for start-up seeding (any constant distinct from Prisma's migration lock). */
export const SEED_LOCK_KEY = 72707370;

/**
 * Runs `fn` while holding a session-level Postgres advisory lock, so that several
 * instances starting at once against one database take turns instead of racing
 * (two upserts of the same new row both trying to insert it).
 */
export async function withAdvisoryLock<T>(
  databaseUrl: string,
  key: number,
  fn: () => Promise<T>,
): Promise<T> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: "gateway-startup-lock",
  });
  // A dropped connection fails the query in progress; it must not also crash the process.
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [key]);
    try {
      return await fn();
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [key]);
    }
  } finally {
    await client.end();
  }
}
