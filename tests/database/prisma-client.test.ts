/**
 * lib/db.ts: one PrismaClient per process, over @prisma/adapter-pg, against the
 * migrated schema. Uses its own database so the shared one stays empty.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../lib/database/migrate";
import { disconnectPrisma, getPrisma, setDatabaseUrl } from "../../lib/db";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let db: TestDatabase;
const sharedUrl = process.env.DATABASE_URL;

beforeAll(async () => {
  db = await createTestDatabase();
  await applyMigrations(db.url);
  await disconnectPrisma();
  setDatabaseUrl(db.url);
});

afterAll(async () => {
  await disconnectPrisma();
  if (sharedUrl !== undefined) setDatabaseUrl(sharedUrl);
  await db.drop();
});

describe("getPrisma", () => {
  it("returns one client per process, shared through globalThis", () => {
    const client = getPrisma();
    expect(getPrisma()).toBe(client);
    expect((globalThis as Record<symbol, unknown>)[Symbol.for("llm-gateway.prisma-client")]).toBe(
      client,
    );
  });

  it("reads and writes through the pg adapter, BigInt money included", async () => {
    const prisma = getPrisma();
    const plan = await prisma.plan.create({ data: { name: "pro", monthlyFeeMicros: 9_990_000n } });
    const tenant = await prisma.tenant.create({ data: { name: "Acme", planId: plan.id } });
    expect(tenant.status).toBe("active");
    const found = await prisma.plan.findUniqueOrThrow({
      where: { name: "pro" },
      include: { tenants: true },
    });
    expect(found.monthlyFeeMicros).toBe(9_990_000n);
    expect(found.tenants.map((t) => t.name)).toEqual(["Acme"]);
  });

  it("builds a new client after disconnectPrisma", async () => {
    const before = getPrisma();
    await disconnectPrisma();
    const after = getPrisma();
    expect(after).not.toBe(before);
    expect(await after.plan.count()).toBe(1);
  });
});
