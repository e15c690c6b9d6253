/**
 * prisma/migrations and prisma/schema.prisma must describe the same database: the
 * migrations are what production runs, the schema is what the Prisma client is
 * generated from. One database gets the migrations, another the SQL Prisma itself
 * writes for the schema from scratch; their catalogs must match.
 *
 * When this fails after a schema edit, add a migration:
 *   npx tsx scripts/prisma-diff.ts --from-git HEAD --create <name>
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../lib/database/migrate";
import { prismaMigrateDiff } from "../../lib/database/prisma6";
import { catalogSnapshot, type CatalogSnapshot } from "../support/catalog-snapshot";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const SCHEMA_PATH = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");

const created: TestDatabase[] = [];
async function freshDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  created.push(db);
  return db;
}

/** Builds a database from `schema` alone, with the SQL Prisma 6's engine generates. */
async function databaseFromSchema(schema: string): Promise<CatalogSnapshot> {
  const db = await freshDatabase();
  const sql = await prismaMigrateDiff({ from: { kind: "empty" }, to: schema, databaseUrl: db.url });
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
  return catalogSnapshot(db.url);
}

describe("migrations and schema.prisma", () => {
  let schema: string;
  let migrated: CatalogSnapshot;

  beforeAll(async () => {
    schema = await readFile(SCHEMA_PATH, "utf8");
    const db = await freshDatabase();
    await applyMigrations(db.url);
    migrated = await catalogSnapshot(db.url);
  });

  afterAll(async () => {
    await Promise.all(created.map((db) => db.drop()));
  });

  it("describe the same database", async () => {
    const fromSchema = await databaseFromSchema(schema);
    expect(migrated.tables.length).toBeGreaterThan(0);
    expect(
      migrated,
      "prisma/schema.prisma and prisma/migrations differ: add a migration (npx tsx scripts/prisma-diff.ts --from-git HEAD --create <name>)",
    ).toEqual(fromSchema);
  });

  // Guards the guard: a snapshot that missed columns or types would let the test
  // above pass whatever the schema says.
  it("would notice a schema edit that has no migration", async () => {
    const firstModel = /^model (\w+) \{$/m.exec(schema);
    expect(firstModel, "schema.prisma has no model").not.toBeNull();
    const drifted = schema.replace(
      /^model (\w+) \{$/m,
      (line) => `${line}\n  driftProbe String? @db.VarChar(12)`,
    );
    expect(drifted).not.toEqual(schema);

    const snapshot = await databaseFromSchema(drifted);
    expect(snapshot).not.toEqual(migrated);
    const table = firstModel?.[1] ?? "";
    expect(snapshot.columns).toContain(`${table}.driftProbe character varying(12) NULL`);
    expect(migrated.columns.some((c) => c.startsWith(`${table}.driftProbe `))).toBe(false);
  });
});
