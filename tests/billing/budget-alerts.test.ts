/**
 * Budget and allowance alerts: a tenant crossing 80% and 100% of its monthly budget or
 * of its plan's included tokens is claimed once per threshold, however often (and by
 * however many instances) the check runs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimBudgetAlerts } from "@/lib/data/budgets/claim-budget-alerts";
import { writeUsageBatch } from "@/lib/data/usage/write-usage-batch";
import { disconnectPrisma } from "@/lib/db";
import type { UsageEvent } from "@/lib/gateway/metering/usage-event";
import { createMeteredTenant, usageEvent, type MeteredTenant } from "../support/usage-fixtures";

const period = {
  period: "2025-05",
  start: Date.parse("2025-05-01T00:00:00Z"),
  end: Date.parse("2025-06-01T00:00:00Z"),
};
let budgeted: MeteredTenant;
let allowance: MeteredTenant;

const tenant = (plan: { includedTokens: bigint }, budgetMicros: bigint | null) =>
  createMeteredTenant("budget", {
    plan: { ...plan, overagePricePer1MMicros: 5_000_000n },
    tenant: { monthlySpendLimitMicros: budgetMicros ?? undefined },
  });

const usage = (t: MeteredTenant, tokens: number): UsageEvent =>
  usageEvent(t, {
    promptTokens: tokens,
    completionTokens: 0,
    upstreamCostPicos: 0,
    billedPicos: tokens * 5_000_000,
    createdAt: Date.parse("2025-05-10T00:00:00Z"),
  });

const mine = async () =>
  (await claimBudgetAlerts(period)).filter(
    (c) => c.tenantId === budgeted.tenantId || c.tenantId === allowance.tenantId,
  );

beforeAll(async () => {
  budgeted = await tenant({ includedTokens: 0n }, 10_000_000n); // $10 budget, $5 per 1M tokens
  allowance = await tenant({ includedTokens: 1_000_000n }, null);
});
afterAll(async () => {
  await disconnectPrisma();
});

describe("budget alerts", () => {
  it("alert once at 80% and once at 100%, never again", async () => {
    await writeUsageBatch([usage(budgeted, 1_000_000), usage(allowance, 500_000)]); // $5 of $10; 50% of the allowance
    expect(await mine()).toEqual([]);
    await writeUsageBatch([usage(budgeted, 700_000), usage(allowance, 350_000)]); // $8.50 (85%); 85%
    const first = await mine();
    expect(
      first
        .map((c) => [
          c.tenantId === budgeted.tenantId ? "budgeted" : "allowance",
          c.kind,
          c.threshold,
        ])
        .sort(),
    ).toEqual([
      ["allowance", "included_tokens", 80],
      ["budgeted", "budget", 80],
    ]);
    expect(await mine()).toEqual([]);
    await writeUsageBatch([usage(budgeted, 400_000), usage(allowance, 200_000)]); // $10.50; 105%
    const second = await Promise.all([mine(), mine()]);
    expect(
      second
        .flat()
        .map((c) => [c.kind, c.threshold])
        .sort(),
    ).toEqual([
      ["budget", 100],
      ["included_tokens", 100],
    ]);
    expect(await mine()).toEqual([]);
  });
});
