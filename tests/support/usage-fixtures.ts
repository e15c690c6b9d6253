/**
 * A tenant with a plan and one key, straight into the test database, and usage events
 * for it: for tests of the layers under the gateway (usage writer, rollups, invoices,
 * reports) that need rows, not requests.
 */
import { randomUUID } from "node:crypto";
import { getPrisma } from "@/lib/db";
import type { UsageEvent } from "@/lib/gateway/metering/usage-event";

export interface MeteredTenant {
  planId: string;
  tenantId: string;
  apiKeyId: string;
}

/**
 * Creates a plan, a tenant on it and a key, each named `${name}-<uuid>` so that files
 * sharing the database never collide. `plan` and `tenant` add or override fields.
 */
export async function createMeteredTenant(
  name: string,
  opts: {
    plan?: { includedTokens?: bigint; overagePricePer1MMicros?: bigint };
    tenant?: { monthlySpendLimitMicros?: bigint };
  } = {},
): Promise<MeteredTenant> {
  const prisma = getPrisma();
  const plan = await prisma.plan.create({
    data: { name: `${name}-${randomUUID()}`, ...opts.plan },
  });
  const tenant = await prisma.tenant.create({
    data: { name: `${name}-${randomUUID()}`, planId: plan.id, ...opts.tenant },
  });
  const key = await prisma.apiKey.create({
    data: { tenantId: tenant.id, prefix: `sk-gw-${name.slice(0, 4)}`, hash: randomUUID() },
  });
  return { planId: plan.id, tenantId: tenant.id, apiKeyId: key.id };
}

/** One successful DeepSeek request's usage for `owner`, with a fresh request id; `over` replaces any field. */
export function usageEvent(
  owner: Pick<MeteredTenant, "tenantId" | "apiKeyId">,
  over: Partial<UsageEvent> = {},
): UsageEvent {
  return {
    requestId: `req_${randomUUID()}`,
    tenantId: owner.tenantId,
    apiKeyId: owner.apiKeyId,
    modelRequested: "auto",
    providerId: "deepseek",
    deploymentId: "d",
    credentialId: "c",
    upstreamModel: "deepseek-chat",
    promptTokens: 3,
    completionTokens: 4,
    cachedTokens: 0,
    tokensEstimated: false,
    upstreamCostPicos: 10,
    billedPicos: 20,
    latencyMs: 5,
    ttfbMs: 1,
    httpStatus: 200,
    errorClass: null,
    attempts: 1,
    streamed: false,
    createdAt: Date.now(),
    ...over,
  };
}
