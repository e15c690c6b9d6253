/**
 * The overview's numbers from the real tables: the error rate counts what the gateway or
 * its providers failed (5xx) and keeps what it refused (4xx: bad input, limits, clients
 * gone) apart; spend per day sums exact pico-dollars and divides once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spendSeries } from "@/lib/admin/overview/spend-series";
import { trafficStats } from "@/lib/admin/overview/traffic-stats";
import { recordProviderAttempts } from "@/lib/data/providers/record-provider-attempts";
import { writeUsageBatch } from "@/lib/data/usage/write-usage-batch";
import { disconnectPrisma } from "@/lib/db";
import type { UsageEvent } from "@/lib/gateway/metering/usage-event";
import { createMeteredTenant, usageEvent } from "../support/usage-fixtures";

// A window of its own, far from any other test's rows on the shared database.
const NOW = Date.parse("2024-02-29T12:00:30Z");
let tenantId: string;
let apiKeyId: string;

beforeAll(async () => {
  ({ tenantId, apiKeyId } = await createMeteredTenant("traffic"));
});
afterAll(async () => {
  await disconnectPrisma();
});

const row = (httpStatus: number, providerId: string | null, createdAt: number): UsageEvent =>
  usageEvent(
    { tenantId, apiKeyId },
    { providerId, httpStatus, errorClass: httpStatus >= 400 ? "x" : null, createdAt },
  );

describe("overview traffic", () => {
  it("counts 5xx as errors and 4xx as refusals, per minute and per provider", async () => {
    const minute = NOW - 20_000; // 12:00:10, inside the minute starting 12:00
    await writeUsageBatch([
      row(200, "deepseek", minute),
      row(200, "deepseek", minute),
      row(502, "deepseek", minute),
      row(400, null, minute),
      row(429, null, minute),
      row(499, "deepseek", minute),
    ]);
    const { series, providers } = await trafficStats({ minutes: 5, now: new Date(NOW) });
    const point = series.find((p) => p.minute === "2024-02-29T12:00:00.000Z");
    expect(point).toEqual({
      minute: "2024-02-29T12:00:00.000Z",
      requests: 6,
      errors: 1,
      refused: 3,
    });
    expect(series.filter((p) => p !== point).every((p) => p.requests === 0)).toBe(true);
    expect(providers.find((p) => p.provider === "deepseek")).toMatchObject({
      requests: 4,
      errors: 1,
    });
  });

  it("counts every upstream attempt against the provider that answered it, and requests answered before any upstream call as no provider's", async () => {
    const at = Date.parse("2024-03-01T09:00:20Z");
    const now = new Date(at + 10_000);
    // A failover: deepseek failed twice (overloaded) and once on the request's own fault,
    // openai served; two requests never reached a provider.
    await recordProviderAttempts([
      { minute: new Date(at - 20_000), providerId: "deepseek", outcome: "overloaded", count: 2 },
      { minute: new Date(at - 20_000), providerId: "deepseek", outcome: "client_error", count: 1 },
      { minute: new Date(at - 20_000), providerId: "openai", outcome: "ok", count: 1 },
    ]);
    // Written twice: a later batch adds to the same minute row.
    await recordProviderAttempts([
      { minute: new Date(at - 20_000), providerId: "deepseek", outcome: "overloaded", count: 1 },
    ]);
    await writeUsageBatch([row(200, "openai", at), row(503, null, at), row(401, null, at)]);
    const { providers, beforeUpstream } = await trafficStats({ minutes: 5, now });
    expect(providers.map((p) => p.provider)).toEqual(["deepseek", "openai"]);
    expect(providers[0]).toMatchObject({
      attempts: 4,
      failed: 3,
      byClass: [{ errorClass: "overloaded", count: 3 }],
      requests: 0,
    });
    expect(providers[1]).toMatchObject({ attempts: 1, failed: 0, requests: 1 });
    expect(beforeUpstream).toEqual({ requests: 2, noProvider: 1, refused: 1 });
  });

  it("sums spend per UTC day of the month exactly, turning pico-dollars into micro-dollars once, to the nearest", async () => {
    // Far from other files' months on the shared database. 3 x 400,000 pico-dollars is
    // 1.2 micro-dollars (rounded per request it would read 0); 3 x 2,500,000 is 7.5, shown as 8.
    const jan = (iso: string) => Date.parse(`2024-01-${iso}Z`);
    await writeUsageBatch([
      usageEvent(
        { tenantId, apiKeyId },
        { upstreamCostPicos: 400_000, billedPicos: 2_500_000, createdAt: jan("03T00:00:00") },
      ),
      usageEvent(
        { tenantId, apiKeyId },
        { upstreamCostPicos: 400_000, billedPicos: 2_500_000, createdAt: jan("03T23:59:59.999") },
      ),
      usageEvent(
        { tenantId, apiKeyId },
        { upstreamCostPicos: 400_000, billedPicos: 2_500_000, createdAt: jan("03T12:00:00") },
      ),
      usageEvent(
        { tenantId, apiKeyId },
        { upstreamCostPicos: 7_000_000, billedPicos: 9_000_000, createdAt: jan("31T23:00:00") },
      ),
      // The month before: not in January's series.
      usageEvent(
        { tenantId, apiKeyId },
        {
          upstreamCostPicos: 99_000_000,
          billedPicos: 99_000_000,
          createdAt: Date.parse("2023-12-31T23:59:59Z"),
        },
      ),
    ]);
    const spend = await spendSeries({ now: new Date(jan("31T23:30:00")) });
    expect(spend.days).toEqual([
      { day: "2024-01-03", costMicros: 1, billedMicros: 8, requests: 3 },
      { day: "2024-01-31", costMicros: 7, billedMicros: 9, requests: 1 },
    ]);
    expect(spend.today).toEqual({ costMicros: 7, billedMicros: 9 });
    expect(spend.month).toEqual({ costMicros: 8, billedMicros: 17 });
  });
});
