import { getPrisma } from "@/lib/db";
import type { UsageEvent } from "@/lib/gateway/metering/usage-event";

/**
 * Stores a batch of usage events. Unique on request id with duplicates skipped, so a
 * batch written twice (retry after a timeout, journal replay) is counted once.
 */
export async function writeUsageBatch(events: readonly UsageEvent[]): Promise<void> {
  if (events.length === 0) return;
  const prisma = getPrisma();
  await prisma.usageRecord.createMany({
    skipDuplicates: true,
    data: events.map((e) => ({
      requestId: e.requestId,
      tenantId: e.tenantId,
      apiKeyId: e.apiKeyId,
      modelRequested: e.modelRequested,
      providerId: e.providerId,
      deploymentId: e.deploymentId,
      credentialId: e.credentialId,
      upstreamModel: e.upstreamModel,
      promptTokens: e.promptTokens,
      completionTokens: e.completionTokens,
      cachedTokens: e.cachedTokens,
      tokensEstimated: e.tokensEstimated,
      upstreamCostPicos: BigInt(e.upstreamCostPicos),
      billedPicos: BigInt(e.billedPicos),
      latencyMs: e.latencyMs,
      ttfbMs: e.ttfbMs,
      httpStatus: e.httpStatus,
      errorClass: e.errorClass,
      attempts: e.attempts,
      streamed: e.streamed,
      createdAt: new Date(e.createdAt),
    })),
  });
  // Last-used is a hint for people, not a ledger: one update per key per batch.
  const lastUsed = new Map<string, number>();
  for (const e of events) lastUsed.set(e.apiKeyId, Math.max(lastUsed.get(e.apiKeyId) ?? 0, e.createdAt));
  await Promise.all(
    [...lastUsed].map(([id, at]) => prisma.apiKey.updateMany({ where: { id }, data: { lastUsedAt: new Date(at) } })),
  );
}
