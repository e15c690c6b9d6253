/**
 * The migration runner must leave the database exactly as `prisma migrate deploy`
 * would (same history table, rows and checksums), apply each migration once even
 * when several instances start together, and refuse what Prisma refuses.
 */
import { createHash } from "node:crypto";
import { cp, mkdtemp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, checksumMatches, pendingMigrations } from "../../lib/database/migrate";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");

const created: TestDatabase[] = [];
async function freshDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  created.push(db);
  return db;
}

async function query<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

let names: string[];
beforeAll(async () => {
  names = (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  expect(names.length).toBeGreaterThan(0);
});

afterAll(async () => {
  await Promise.all(created.map((db) => db.drop()));
});

describe("applyMigrations", () => {
  it("applies everything once, then nothing", async () => {
    const db = await freshDatabase();
    expect(await pendingMigrations(db.url)).toEqual(names);
    expect((await applyMigrations(db.url)).applied).toEqual(names);
    expect((await applyMigrations(db.url)).applied).toEqual([]);
    expect(await pendingMigrations(db.url)).toEqual([]);
  });

  it("writes the history prisma migrate deploy writes", async () => {
    const db = await freshDatabase();
    await applyMigrations(db.url);

    const columns = await query(
      db.url,
      `SELECT column_name, data_type, character_maximum_length AS len, is_nullable, column_default
       FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      {
        column_name: "id",
        data_type: "character varying",
        len: 36,
        is_nullable: "NO",
        column_default: null,
      },
      {
        column_name: "checksum",
        data_type: "character varying",
        len: 64,
        is_nullable: "NO",
        column_default: null,
      },
      {
        column_name: "finished_at",
        data_type: "timestamp with time zone",
        len: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "migration_name",
        data_type: "character varying",
        len: 255,
        is_nullable: "NO",
        column_default: null,
      },
      {
        column_name: "logs",
        data_type: "text",
        len: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "rolled_back_at",
        data_type: "timestamp with time zone",
        len: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "started_at",
        data_type: "timestamp with time zone",
        len: null,
        is_nullable: "NO",
        column_default: "now()",
      },
      {
        column_name: "applied_steps_count",
        data_type: "integer",
        len: null,
        is_nullable: "NO",
        column_default: "0",
      },
    ]);

    const rows = await query<{
      id: string;
      checksum: string;
      migration_name: string;
      finished_at: Date | null;
      logs: string | null;
      rolled_back_at: Date | null;
      applied_steps_count: number;
    }>(db.url, "SELECT * FROM _prisma_migrations ORDER BY migration_name");
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const bytes = await readFile(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
    }
  });

  it("applies each migration once when instances start together", async () => {
    const db = await freshDatabase();
    const results = await Promise.all([1, 2, 3, 4].map(() => applyMigrations(db.url)));
    expect(results.flatMap((r) => r.applied).sort()).toEqual(names);
    const rows = await query<{ n: string }>(db.url, "SELECT count(*) AS n FROM _prisma_migrations");
    expect(Number(rows[0]?.n)).toBe(names.length);
  });

  it("refuses a migration edited after it was applied", async () => {
    const db = await freshDatabase();
    await applyMigrations(db.url);
    await query(
      db.url,
      "UPDATE _prisma_migrations SET checksum = repeat('0', 64) WHERE migration_name = $1",
      [names[0]],
    );
    await expect(applyMigrations(db.url)).rejects.toThrow(/was modified after it was applied/);
  });

  it("refuses to continue after a migration that failed under Prisma", async () => {
    const db = await freshDatabase();
    await applyMigrations(db.url);
    await query(
      db.url,
      "INSERT INTO _prisma_migrations (id, checksum, migration_name, logs) VALUES (gen_random_uuid()::text, repeat('a', 64), '99999999999999_half_done', 'boom')",
    );
    await expect(applyMigrations(db.url)).rejects.toThrow(
      /failed migrations.*99999999999999_half_done/,
    );
  });

  it("rolls back a failing migration and records nothing for it", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "gw-migrations-"));
    try {
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      await mkdir(path.join(dir, "99999999999999_broken"));
      await writeFile(
        path.join(dir, "99999999999999_broken", "migration.sql"),
        'CREATE TABLE "ShouldNotExist" (id INTEGER);\nSELECT 1 / 0;\n',
      );
      const db = await freshDatabase();
      await expect(applyMigrations(db.url, { migrationsDir: dir })).rejects.toThrow(
        /99999999999999_broken failed.*division by zero/,
      );

      const tables = await query(
        db.url,
        "SELECT 1 FROM pg_tables WHERE tablename = 'ShouldNotExist'",
      );
      expect(tables).toEqual([]);
      const recorded = await query<{ migration_name: string }>(
        db.url,
        "SELECT migration_name FROM _prisma_migrations ORDER BY 1",
      );
      expect(recorded.map((r) => r.migration_name)).toEqual(names);
      expect(await pendingMigrations(db.url, { migrationsDir: dir })).toEqual([
        "99999999999999_broken",
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("checksumMatches", () => {
  it("accepts the file with its line endings converted, as Prisma does", () => {
    const lf = "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n";
    const crlf = lf.replaceAll("\n", "\r\n");
    const sha = (s: string) => createHash("sha256").update(s).digest("hex");
    expect(checksumMatches(lf, sha(lf))).toBe(true);
    expect(checksumMatches(crlf, sha(lf))).toBe(true);
    expect(checksumMatches(lf, sha(crlf))).toBe(true);
    expect(checksumMatches(`${lf}-- edited\n`, sha(lf))).toBe(false);
  });
});
