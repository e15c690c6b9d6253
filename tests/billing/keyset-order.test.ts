/**
 * Keyset pagination orders by the numeric row id (not its text form) and never skips or
 * repeats a row across pages, even where many requests share one start time.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meterTenantMonth } from "@/lib/admin/invoices/meter-tenant-month";
import { listRequests } from "@/lib/admin/requests/list-requests";
import { writeUsageBatch } from "@/lib/data/usage/write-usage-batch";
import { disconnectPrisma, getPgPool } from "@/lib/db";
import type { UsageEvent } from "@/lib/gateway/metering/usage-event";
import { createMeteredTenant, usageEvent } from "../support/usage-fixtures";

let tenantId: string;
let apiKeyId: string;

beforeAll(async () => {
  ({ tenantId, apiKeyId } = await createMeteredTenant("keyset"));
  // Ids about to cross a power of ten: 99998, 99999, 100000, ... sort differently as text.
  const { rows } = await getPgPool().query<{ id: string }>(
    `SELECT COALESCE(max(id), 0)::text AS id FROM "UsageRecord"`,
  );
  const next = 10 ** String(Number(rows[0]!.id) + 10).length;
  await getPgPool().query(`SELECT setval(pg_get_serial_sequence('"UsageRecord"', 'id'), $1)`, [
    next - 6,
  ]);
});
afterAll(async () => {
  await disconnectPrisma();
});

const event = (tokens: number, createdAt: number): UsageEvent =>
  usageEvent(
    { tenantId, apiKeyId },
    {
      promptTokens: tokens,
      completionTokens: 0,
      upstreamCostPicos: 0,
      billedPicos: tokens * 5_000_000,
      createdAt,
    },
  );

describe("keyset pagination", () => {
  it("pages the request log newest first by numeric id", async () => {
    const at = Date.parse("2025-07-01T00:00:00Z");
    for (let i = 0; i < 12; i++) await writeUsageBatch([event(i + 1, at + i)]);
    const ids: number[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await listRequests({ tenantId, limit: 5, cursor });
      ids.push(...page.data.map((r) => Number(r.id)));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(ids).toHaveLength(12);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it("meters a month in request order across pages, ties on start time included", async () => {
    const at = Date.parse("2025-08-10T00:00:00Z");
    // 10 requests at the same instant, 100 tokens each, 250 included: the third is split.
    await writeUsageBatch(Array.from({ length: 10 }, () => event(100, at)));
    const meter = await meterTenantMonth({
      tenantId,
      start: Date.parse("2025-08-01T00:00:00Z"),
      end: Date.parse("2025-09-01T00:00:00Z"),
      includedTokens: 250n,
      pageSize: 3,
    });
    expect(meter.totalTokens).toBe(1_000n);
    expect(meter.overageTokens).toBe(750n);
  });
});
