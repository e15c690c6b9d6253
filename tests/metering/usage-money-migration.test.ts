/**
 * The migration that repairs usage rows written before the meter normalised upstream
 * usage: in months no issued invoice covers, money is recomputed from the row's stored
 * tokens and prices (and a count at the int4 maximum, the old clamp of an impossible
 * figure, becomes 0, marked estimated); rollups move by the same amounts; a month with
 * an issued invoice keeps its rows as they were; running it again changes nothing.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { writeUsageBatch } from "@/lib/data/usage/write-usage-batch";
import { getPrisma } from "@/lib/db";
import type { UsageEvent } from "@/lib/gateway/metering/usage-event";
import { createMeteredTenant, usageEvent, type MeteredTenant } from "../support/usage-fixtures";

const SQL = readFileSync(
  path.join(
    process.cwd(),
    "prisma/migrations/20261207040000_usage_money_from_tokens/migration.sql",
  ),
  "utf8",
);
const PRICES = {
  inputPricePer1MMicros: 100,
  outputPricePer1MMicros: 200,
  cachedInputPricePer1MMicros: null,
  cacheWritePricePer1MMicros: null,
  billedPricePer1MMicros: 1_000,
};

async function migrate(): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(SQL);
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}

let owner: MeteredTenant;
const ev = (at: string, over: Partial<UsageEvent>) =>
  usageEvent(owner, { createdAt: Date.parse(at), prices: PRICES, ...over });

beforeAll(async () => {
  owner = await createMeteredTenant("money-fix");
});

describe("usage money migration", () => {
  it("recomputes money from stored tokens in months not invoiced, and leaves issued ones alone", async () => {
    const wrong = ev("2026-10-03T10:00:00Z", {
      promptTokens: 3,
      completionTokens: 4,
      upstreamCostPicos: 0, // a negative output count used to bill the prompt at $0
      billedPicos: 0,
    });
    const clamped = ev("2026-10-03T10:30:00Z", {
      promptTokens: 5,
      completionTokens: 2_147_483_647,
      upstreamCostPicos: Number.MAX_SAFE_INTEGER,
      billedPicos: Number.MAX_SAFE_INTEGER,
    });
    const right = ev("2026-10-03T10:45:00Z", {
      promptTokens: 1,
      completionTokens: 1,
      upstreamCostPicos: 300,
      billedPicos: 2_000,
    });
    const invoiced = ev("2026-09-10T10:00:00Z", {
      promptTokens: 3,
      completionTokens: 4,
      upstreamCostPicos: 0,
      billedPicos: 0,
    });
    await writeUsageBatch([wrong, clamped, right, invoiced]);
    await getPrisma().invoice.create({
      data: { tenantId: owner.tenantId, period: "2026-09", status: "issued", totalMicros: 0n },
    });

    await migrate();
    await migrate();

    const rows = await getPrisma().usageRecord.findMany({ where: { tenantId: owner.tenantId } });
    const row = (e: UsageEvent) => rows.find((r) => r.requestId === e.requestId)!;
    expect(row(wrong)).toMatchObject({
      upstreamCostPicos: 3n * 100n + 4n * 200n,
      billedPicos: 7n * 1_000n,
      tokensEstimated: false,
    });
    expect(row(clamped)).toMatchObject({
      promptTokens: 5,
      completionTokens: 0,
      tokensEstimated: true,
      upstreamCostPicos: 500n,
      billedPicos: 5_000n,
    });
    expect(row(right)).toMatchObject({ upstreamCostPicos: 300n, billedPicos: 2_000n });
    expect(row(invoiced)).toMatchObject({ upstreamCostPicos: 0n, billedPicos: 0n });

    // The rollups agree with the rows again.
    const october = rows.filter((r) => r.createdAt.toISOString().startsWith("2026-10"));
    const sum = (f: (r: (typeof rows)[number]) => bigint) => october.reduce((a, r) => a + f(r), 0n);
    for (const rollup of [
      await getPrisma().usageRollupDaily.findMany({ where: { tenantId: owner.tenantId } }),
      await getPrisma().usageRollupHourly.findMany({ where: { tenantId: owner.tenantId } }),
    ]) {
      const oct = rollup.filter((r) =>
        ("day" in r ? r.day : r.hour).toISOString().startsWith("2026-10"),
      );
      expect(oct.reduce((a, r) => a + r.upstreamCostPicos, 0n)).toBe(
        sum((r) => r.upstreamCostPicos),
      );
      expect(oct.reduce((a, r) => a + r.billedPicos, 0n)).toBe(sum((r) => r.billedPicos));
      expect(oct.reduce((a, r) => a + r.completionTokens, 0n)).toBe(
        sum((r) => BigInt(r.completionTokens)),
      );
    }
  });
});
