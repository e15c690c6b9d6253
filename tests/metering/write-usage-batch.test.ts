/** The usage writer against the real usage table: exact values, UTC times, idempotence. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeUsageBatch } from "@/lib/data/usage/write-usage-batch";
import { disconnectPrisma, getPrisma } from "@/lib/db";
import type { UsageEvent } from "@/lib/gateway/metering/usage-event";
import { createMeteredTenant, usageEvent } from "../support/usage-fixtures";

let tenantId: string;
let apiKeyId: string;

beforeAll(async () => {
  ({ tenantId, apiKeyId } = await createMeteredTenant("usage-writer", {
    plan: { overagePricePer1MMicros: 5_000_000n },
  }));
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
      promptTokens: 12,
      completionTokens: 34,
      cachedTokens: 5,
      // Beyond 2^32, to prove 64-bit money survives the trip.
      upstreamCostPicos: 9_876_543_210_123,
      billedPicos: 230_000_000,
      latencyMs: 41,
      ttfbMs: 7,
      attempts: 2,
      streamed: true,
      createdAt: Date.parse("2026-11-22T10:11:12.345Z"),
      ...over,
    },
  );
}

describe("writeUsageBatch", () => {
  it("stores every field exactly, with times in UTC", async () => {
    const e = event();
    await writeUsageBatch([e]);
    const row = await getPrisma().usageRecord.findUniqueOrThrow({
      where: { requestId: e.requestId },
    });
    expect(row).toMatchObject({
      tenantId,
      apiKeyId,
      modelRequested: "auto",
      providerId: "deepseek",
      deploymentId: "dep",
      credentialId: "cred",
      upstreamModel: "deepseek-chat",
      promptTokens: 12,
      completionTokens: 34,
      cachedTokens: 5,
      tokensEstimated: false,
      upstreamCostPicos: 9_876_543_210_123n,
      billedPicos: 230_000_000n,
      latencyMs: 41,
      ttfbMs: 7,
      httpStatus: 200,
      errorClass: null,
      attempts: 2,
      streamed: true,
    });
    expect(row.createdAt.toISOString()).toBe("2026-11-22T10:11:12.345Z");
  });

  it("keeps nulls for requests that never reached a provider", async () => {
    const e = event({
      providerId: null,
      deploymentId: null,
      credentialId: null,
      upstreamModel: null,
      ttfbMs: null,
      httpStatus: 503,
      errorClass: "no_provider_available",
    });
    await writeUsageBatch([e]);
    const row = await getPrisma().usageRecord.findUniqueOrThrow({
      where: { requestId: e.requestId },
    });
    expect(row).toMatchObject({
      providerId: null,
      credentialId: null,
      ttfbMs: null,
      httpStatus: 503,
      errorClass: "no_provider_available",
    });
  });

  it("counts a request once however often its batch is written", async () => {
    const batch = [event(), event(), event()];
    await writeUsageBatch(batch);
    await writeUsageBatch(batch);
    await writeUsageBatch([
      batch[1]!,
      event({ requestId: batch[1]!.requestId, promptTokens: 999 }),
    ]);
    const rows = await getPrisma().usageRecord.findMany({
      where: { requestId: { in: batch.map((e) => e.requestId) } },
    });
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.promptTokens === 12)).toBe(true);
  });

  it("moves a key's last use forward, never back", async () => {
    await writeUsageBatch([event({ createdAt: Date.parse("2026-11-22T12:00:00.000Z") })]);
    await writeUsageBatch([event({ createdAt: Date.parse("2026-11-22T11:00:00.000Z") })]);
    const key = await getPrisma().apiKey.findUniqueOrThrow({ where: { id: apiKeyId } });
    expect(key.lastUsedAt?.toISOString()).toBe("2026-11-22T12:00:00.000Z");
  });
});
