/**
 * Applies `prisma/migrations/<name>/migration.sql` the way `prisma migrate deploy`
 * does, without Prisma's native schema engine (which cannot be downloaded here):
 * same `_prisma_migrations` table and rows, same checksum, same advisory lock. So a
 * database migrated by this runner can later be handed to `prisma migrate deploy`
 * and vice versa, and instances starting together (or together with Prisma) apply
 * each migration once.
 *
 * Unlike Prisma, each migration runs in one transaction together with its history
 * row: a failure leaves neither a half-applied schema nor a "failed" row. Migration
 * scripts must therefore be transaction-safe (no CREATE INDEX CONCURRENTLY, no
 * BEGIN/COMMIT of their own).
 */
import { randomUUID } from "node:crypto";
import { sha256Hex } from "../crypto/sha256";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { pgTimeouts } from "./pg-timeouts";

/** The key Prisma's schema engine locks on (`pg_advisory_lock(72707369)`). */
export const PRISMA_ADVISORY_LOCK_KEY = 72707369;

/** Prisma's own DDL for the history table (schema engine, postgres flavour). */
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  /** Directory name, e.g. `20261122121900_init`; also the `migration_name`. */
  name: string;
  sql: string;
  /** sha256 (hex) of the migration.sql bytes, as Prisma records it. */
  checksum: string;
}

interface HistoryRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export interface MigrateOptions {
  log?: (msg: string) => void;
  /** Defaults to `<cwd>/prisma/migrations` (the app and scripts run from the repository root). */
  migrationsDir?: string;
}

export function defaultMigrationsDir(): string {
  return path.join(process.cwd(), "prisma", "migrations");
}

/**
 * Prisma accepts a recorded checksum for the file as it is or with its line endings
 * converted either way, because git may have rewritten them on checkout.
 */
export function checksumMatches(sql: string, recorded: string): boolean {
  const variants = [
    sql,
    sql.replaceAll("\r\n", "\n"),
    sql.replaceAll("\r\n", "\n").replaceAll("\n", "\r\n"),
  ];
  return variants.some((v) => sha256Hex(v) === recorded);
}

/** Migration directories in the order Prisma applies them (by name). */
export async function readMigrations(
  dir: string = defaultMigrationsDir(),
): Promise<MigrationFile[]> {
  await checkLockFile(dir);
  const names = await migrationNames(dir);
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(path.join(dir, name, "migration.sql")).catch(() => {
        throw new Error(`Migration directory ${name} has no migration.sql (in ${dir})`);
      });
      return { name, sql: bytes.toString("utf8"), checksum: sha256Hex(bytes) };
    }),
  );
}

async function migrationNames(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(
    (err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") throw new Error(`No migrations directory at ${dir}`);
      throw err;
    },
  );
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

async function checkLockFile(dir: string): Promise<void> {
  const lock = await readFile(path.join(dir, "migration_lock.toml"), "utf8").catch(() => undefined);
  const provider = lock?.match(/^\s*provider\s*=\s*"([^"]+)"/m)?.[1];
  if (provider !== undefined && provider !== "postgresql") {
    throw new Error(`${dir}/migration_lock.toml is for provider "${provider}", not postgresql`);
  }
}

export async function applyMigrations(
  databaseUrl: string,
  opts: MigrateOptions = {},
): Promise<{ applied: string[] }> {
  const log = opts.log ?? (() => {});
  const files = await readMigrations(opts.migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  // A dropped connection fails the statement in progress; it must not also crash the process.
  client.on("error", () => {});
  await client.connect();
  try {
    // Session-level lock: held across the per-migration transactions below and
    // released when the connection ends even if we crash.
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const pending = planPending(files, await readHistory(client), log);
    const applied: string[] = [];
    for (const migration of pending) {
      log(`applying migration ${migration.name}`);
      await applyOne(client, migration);
      applied.push(migration.name);
    }
    if (applied.length === 0) log("database schema is up to date");
    return { applied };
  } finally {
    await client.end();
  }
}

async function readHistory(client: pg.Client): Promise<HistoryRow[]> {
  const { rows } = await client.query<HistoryRow>(
    "SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at",
  );
  return rows;
}

/** The migrations still to apply, after the same refusals `prisma migrate deploy` makes. */
function planPending(
  files: MigrationFile[],
  history: HistoryRow[],
  log: (msg: string) => void,
): MigrationFile[] {
  // A row that neither finished nor was marked rolled back is a migration that failed
  // half-way under Prisma; its effects are unknown, so a human has to resolve it.
  const failed = history.filter((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed.length > 0) {
    const names = failed.map((r) => r.migration_name).join(", ");
    throw new Error(
      `Found failed migrations in the target database: ${names}. Resolve them (e.g. \`prisma migrate resolve --rolled-back <name>\`) before applying new ones.`,
    );
  }
  const applied = new Map<string, HistoryRow>();
  for (const row of history)
    if (row.finished_at !== null && row.rolled_back_at === null)
      applied.set(row.migration_name, row);

  const onDisk = new Set(files.map((f) => f.name));
  for (const name of applied.keys()) {
    // Can happen legitimately while an older release runs against a newer database.
    if (!onDisk.has(name))
      log(
        `warning: migration ${name} is recorded in the database but missing from the migrations directory`,
      );
  }

  const pending: MigrationFile[] = [];
  for (const file of files) {
    const row = applied.get(file.name);
    if (!row) {
      pending.push(file);
      continue;
    }
    if (!checksumMatches(file.sql, row.checksum)) {
      throw new Error(
        `Migration ${file.name} was modified after it was applied (recorded checksum ${row.checksum}, file ${file.checksum}). ` +
          "Restore the original migration.sql and put the change in a new migration.",
      );
    }
  }
  return pending;
}

async function applyOne(client: pg.Client, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query("BEGIN");
  try {
    // The rows are those `prisma migrate deploy` writes: started with the checksum,
    // then one applied step (the whole script) and finished_at.
    await client.query(
      "INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES ($1, $2, $3)",
      [id, migration.checksum, migration.name],
    );
    // No parameters: the simple query protocol runs a multi-statement script.
    await client.query(migration.sql);
    await client.query(
      "UPDATE _prisma_migrations SET applied_steps_count = 1, finished_at = clock_timestamp() WHERE id = $1",
      [id],
    );
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${reason}`, {
      cause: err,
    });
  }
}

// --- readiness -------------------------------------------------------------------

const namesByDir = new Map<string, Promise<string[]>>();
const pools = new Map<string, pg.Pool>();

function statusPool(databaseUrl: string): pg.Pool {
  let pool = pools.get(databaseUrl);
  if (!pool) {
    // One small, idle-closing connection per URL: `GET /ready` is polled often.
    // Short timeouts: readiness must answer within a second, with the truth.
    pool = new pg.Pool({
      connectionString: databaseUrl,
      max: 1,
      idleTimeoutMillis: 10_000,
      allowExitOnIdle: true,
      ...pgTimeouts({ connectMs: 750, statementMs: 500 }),
    });
    // An idle connection dropped by the server must not crash the process; the next
    // query simply reconnects.
    pool.on("error", () => {});
    pools.set(databaseUrl, pool);
  }
  return pool;
}

/**
 * Names of migrations on disk that are not applied yet, with a single query. The
 * directory listing is read once per process: migrations do not change at run time.
 */
export async function pendingMigrations(
  databaseUrl: string,
  opts: { migrationsDir?: string } = {},
): Promise<string[]> {
  const dir = opts.migrationsDir ?? defaultMigrationsDir();
  let names = namesByDir.get(dir);
  if (!names) {
    names = migrationNames(dir);
    names.catch(() => namesByDir.delete(dir));
    namesByDir.set(dir, names);
  }
  const onDisk = await names;
  let done: Set<string>;
  try {
    const { rows } = await statusPool(databaseUrl).query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    done = new Set(rows.map((r) => r.migration_name));
  } catch (err) {
    if ((err as { code?: string }).code !== "42P01") throw err; // undefined_table: nothing applied yet
    done = new Set();
  }
  return onDisk.filter((name) => !done.has(name));
}
