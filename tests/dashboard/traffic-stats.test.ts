/**
 * The overview's error rate counts what the gateway or its providers failed (5xx), and
 * keeps what it refused (4xx: bad input, limits, clients gone) apart.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trafficStats } from "@/lib/data/overview/traffic-stats";
import { writeUsageBatch } from "@/lib/data/usage/write-usage-batch";
import { disconnectPrisma, getPrisma } from "@/lib/db";
import type { UsageEvent } from "@/lib/gateway/metering/usage-event";

// A window of its own, far from any other test's rows on the shared database.
const NOW = Date.parse("2024-02-29T12:00:30Z");
let tenantId: string;
let apiKeyId: string;

beforeAll(async () => {
  const prisma = getPrisma();
  const plan = await prisma.plan.create({ data: { name: `traffic-${randomUUID()}` } });
  tenantId = (await prisma.tenant.create({ data: { name: `traffic-${randomUUID()}`, planId: plan.id } })).id;
  apiKeyId = (await prisma.apiKey.create({ data: { tenantId, prefix: "sk-gw-trf", hash: randomUUID() } })).id;
});
afterAll(async () => {
  await disconnectPrisma();
});

const row = (httpStatus: number, providerId: string | null, createdAt: number): UsageEvent => ({
  requestId: `trf_${randomUUID()}`, tenantId, apiKeyId, modelRequested: "auto", providerId, deploymentId: null, credentialId: null,
  upstreamModel: null, promptTokens: 1, completionTokens: 1, cachedTokens: 0, tokensEstimated: false, upstreamCostPicos: 0,
  billedPicos: 0, latencyMs: 10, ttfbMs: null, httpStatus, errorClass: httpStatus >= 400 ? "x" : null, attempts: 1, streamed: false, createdAt,
});

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
    expect(point).toEqual({ minute: "2024-02-29T12:00:00.000Z", requests: 6, errors: 1, refused: 3 });
    expect(series.filter((p) => p !== point).every((p) => p.requests === 0)).toBe(true);
    expect(providers.find((p) => p.provider === "deepseek")).toMatchObject({ requests: 4, errors: 1 });
  });
});
