/**
 * Applies prisma/migrations to DATABASE_URL, or, when it is unset, to the embedded
 * Postgres under GATEWAY_DATA_DIR (default .data), which is started for the purpose
 * and stopped again. Records them in _prisma_migrations like `prisma migrate deploy`.
 *
 *   npm run migrate            (= tsx scripts/migrate.ts)
 */
import { applyMigrations } from "../lib/database/migrate";
import { resolveDatabaseUrl } from "../lib/database/resolve-database-url";
import { loadConfigOrExit } from "../lib/config";

async function main(): Promise<void> {
  const { DATABASE_URL, GATEWAY_DATA_DIR } = loadConfigOrExit();
  const log = (msg: string) => console.log(`[migrate] ${msg}`);
  const db = await resolveDatabaseUrl({
    databaseUrl: DATABASE_URL,
    dataDir: GATEWAY_DATA_DIR,
    log,
  });
  try {
    const { applied } = await applyMigrations(db.url, { log });
    log(
      applied.length === 0
        ? "nothing to apply"
        : `applied ${applied.length}: ${applied.join(", ")}`,
    );
  } finally {
    await db.stop();
  }
}

main().catch((err: unknown) => {
  console.error(`[migrate] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
