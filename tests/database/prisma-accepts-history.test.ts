/**
 * Prisma's own migration engine (prisma@6's WebAssembly build, the one that runs
 * here) and our runner must accept each other's `_prisma_migrations`: a database
 * migrated by the runner can be handed to `prisma migrate deploy`, and one deployed
 * by Prisma is up to date for the runner.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, pendingMigrations } from "../../lib/database/migrate";
import { prismaMigrate } from "../../lib/database/prisma6";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MIGRATIONS_DIR = path.join(ROOT, "prisma", "migrations");

let schema: string;
const created: TestDatabase[] = [];
async function freshDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  created.push(db);
  return db;
}

async function historyTable(url: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
       FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    return rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  schema = await readFile(path.join(ROOT, "prisma", "schema.prisma"), "utf8");
});

afterAll(async () => {
  await Promise.all(created.map((db) => db.drop()));
});

describe("history written by the runner", () => {
  it("is up to date for prisma migrate status and deploy", async () => {
    const db = await freshDatabase();
    await applyMigrations(db.url);
    const opts = { databaseUrl: db.url, schema, migrationsDir: MIGRATIONS_DIR };

    const status = await prismaMigrate("status", opts);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain("Database schema is up to date!");

    const deploy = await prismaMigrate("deploy", opts);
    expect(deploy.code, deploy.stderr).toBe(0);
    expect(deploy.stdout).toContain("No pending migrations to apply.");
  });
});

describe("history written by prisma migrate deploy", () => {
  it("is up to date for the runner, in the same table", async () => {
    const byPrisma = await freshDatabase();
    const deploy = await prismaMigrate("deploy", {
      databaseUrl: byPrisma.url,
      schema,
      migrationsDir: MIGRATIONS_DIR,
    });
    expect(deploy.code, deploy.stderr).toBe(0);

    expect(await pendingMigrations(byPrisma.url)).toEqual([]);
    // Also checks every recorded checksum against the files.
    expect((await applyMigrations(byPrisma.url)).applied).toEqual([]);

    const byRunner = await freshDatabase();
    await applyMigrations(byRunner.url);
    expect(await historyTable(byRunner.url)).toEqual(await historyTable(byPrisma.url));
  });
});
