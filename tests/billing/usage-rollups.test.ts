/**
 * The usage writer keeps the hourly, daily and label rollups equal to the raw rows,
 * counts a request once however often it is written, and bounds label cardinality.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteOldUsage } from "@/lib/data/usage/delete-old-usage";
import { MAX_LABEL_VALUES_PER_DAY, writeUsageBatch } from "@/lib/data/usage/write-usage-batch";
import { disconnectPrisma, getPgPool } from "@/lib/db";
import type { UsageEvent } from "@/lib/gateway/metering/usage-event";
import { createMeteredTenant, usageEvent } from "../support/usage-fixtures";

let tenantId: string;
let apiKeyId: string;

beforeAll(async () => {
  ({ tenantId, apiKeyId } = await createMeteredTenant("rollups"));
});
afterAll(async () => {
  await disconnectPrisma();
});

function event(over: Partial<UsageEvent> = {}): UsageEvent {
  return usageEvent(
    { tenantId, apiKeyId },
    {
      deploymentId: "dep",
      credentialId: "cred",
      promptTokens: 100,
      completionTokens: 20,
      cachedTokens: 30,
      upstreamCostPicos: 1_234_567,
      billedPicos: 600_000_000,
      ttfbMs: 2,
      createdAt: Date.parse("2026-10-05T10:15:00.000Z"),
      ...over,
    },
  );
}

async function rollupTotals(table: "UsageRollupHourly" | "UsageRollupDaily") {
  const { rows } = await getPgPool().query(
    `SELECT sum("requests")::int AS requests, sum("errors")::int AS errors, sum("promptTokens")::int AS prompt, sum("cachedTokens")::int AS cached,
            sum("upstreamCostPicos")::text AS cost, sum("billedPicos")::text AS billed, count(*)::int AS groups
     FROM "${table}" WHERE "tenantId" = $1`,
    [tenantId],
  );
  return rows[0];
}

async function rawTotals() {
  const { rows } = await getPgPool().query(
    `SELECT count(*)::int AS requests, (count(*) FILTER (WHERE "httpStatus" >= 400))::int AS errors, sum("promptTokens")::int AS prompt, sum("cachedTokens")::int AS cached,
            sum("upstreamCostPicos")::text AS cost, sum("billedPicos")::text AS billed
     FROM "UsageRecord" WHERE "tenantId" = $1`,
    [tenantId],
  );
  return rows[0];
}

describe("usage rollups", () => {
  it("equal the raw rows, per hour and per day, however often a batch is written", async () => {
    const batch = [
      event(),
      event({ createdAt: Date.parse("2026-10-05T10:59:59.999Z") }),
      event({
        createdAt: Date.parse("2026-10-05T11:00:00.000Z"),
        providerId: "gemini",
        upstreamModel: "gemini-2.0-flash",
      }),
      event({
        createdAt: Date.parse("2026-10-06T00:00:00.000Z"),
        httpStatus: 429,
        errorClass: "rate_limit_exceeded",
        providerId: null,
        upstreamModel: null,
        promptTokens: 0,
        completionTokens: 0,
        cachedTokens: 0,
        upstreamCostPicos: 0,
        billedPicos: 0,
      }),
    ];
    expect(await writeUsageBatch(batch)).toBe(4);
    expect(await writeUsageBatch(batch)).toBe(0);
    expect(await writeUsageBatch([batch[0]!, event()])).toBe(1);

    const raw = await rawTotals();
    const { groups: hourlyGroups, ...hourly } = await rollupTotals("UsageRollupHourly");
    const { groups: dailyGroups, ...daily } = await rollupTotals("UsageRollupDaily");
    expect(raw).toMatchObject({ requests: 5, errors: 1 });
    expect(hourly).toEqual(raw);
    expect(daily).toEqual(raw);
    // 10:00 deepseek, 11:00 gemini, next day 00:00 the refused request (under its requested name)
    expect(hourlyGroups).toBe(3);
    expect(dailyGroups).toBe(3);
    const { rows } = await getPgPool().query(
      `SELECT model, "providerId" FROM "UsageRollupDaily" WHERE "tenantId" = $1 ORDER BY day, model`,
      [tenantId],
    );
    expect(rows).toEqual([
      { model: "deepseek/deepseek-chat", providerId: "deepseek" },
      { model: "gemini/gemini-2.0-flash", providerId: "gemini" },
      { model: "auto", providerId: "" },
    ]);
  });

  it("sums end users and tags, and folds values past the bound into '(other)'", async () => {
    const day = Date.parse("2026-10-09T08:00:00.000Z");
    await writeUsageBatch([
      event({ createdAt: day, endUser: "user-1", tags: ["team:a", "env:prod"] }),
      event({ createdAt: day, endUser: "user-1", tags: ["team:a"] }),
    ]);
    const { rows } = await getPgPool().query(
      `SELECT dimension, value, requests::int FROM "UsageRollupLabel" WHERE "tenantId" = $1 AND day = '2026-10-09' ORDER BY dimension, value`,
      [tenantId],
    );
    expect(rows).toEqual([
      { dimension: "tag", value: "env:prod", requests: 1 },
      { dimension: "tag", value: "team:a", requests: 2 },
      { dimension: "user", value: "user-1", requests: 2 },
    ]);

    const many = Array.from({ length: MAX_LABEL_VALUES_PER_DAY + 5 }, (_, i) =>
      event({ createdAt: Date.parse("2026-10-10T08:00:00Z"), endUser: `u-${i}` }),
    );
    for (let i = 0; i < many.length; i += 500) await writeUsageBatch(many.slice(i, i + 500));
    const { rows: counted } = await getPgPool().query(
      `SELECT count(*)::int AS values, sum(requests)::int AS requests, sum(requests) FILTER (WHERE value = '(other)')::int AS other
       FROM "UsageRollupLabel" WHERE "tenantId" = $1 AND day = '2026-10-10' AND dimension = 'user'`,
      [tenantId],
    );
    expect(counted[0].requests).toBe(MAX_LABEL_VALUES_PER_DAY + 5);
    expect(counted[0].values).toBeLessThanOrEqual(MAX_LABEL_VALUES_PER_DAY + 1);
    expect(counted[0].other).toBeGreaterThanOrEqual(5);
  });

  it("retention deletes raw rows past the cut-off in batches and keeps the rollups", async () => {
    // Retention is database-wide and other test files share the database: the cut-off
    // lies before anything they write (their oldest rows are from 2024).
    const old = [0, 1, 2].map((i) => event({ createdAt: Date.parse("2019-01-10T00:00:00Z") + i }));
    const recent = event({ createdAt: Date.parse("2019-03-10T00:00:00Z") });
    await writeUsageBatch([...old, recent]);
    const daily = async () =>
      (
        await getPgPool().query(
          `SELECT sum(requests)::int AS n FROM "UsageRollupDaily" WHERE "tenantId" = $1 AND day < '2019-04-01'`,
          [tenantId],
        )
      ).rows[0].n;
    expect(await daily()).toBe(4);
    let deleted = 0;
    for (let n = -1; n !== 0; deleted += n)
      n = await deleteOldUsage({ before: Date.parse("2019-02-01T00:00:00Z"), batch: 2 });
    expect(deleted).toBe(3);
    const { rows } = await getPgPool().query(
      `SELECT "requestId" FROM "UsageRecord" WHERE "requestId" = ANY($1)`,
      [[...old, recent].map((e) => e.requestId)],
    );
    expect(rows.map((r) => r.requestId)).toEqual([recent.requestId]);
    expect(await daily()).toBe(4);
  });
});
