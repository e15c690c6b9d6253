import { getPgPool } from "@/lib/db";
import type { UsageEvent } from "@/lib/gateway/metering/usage-event";

/**
 * One column array per field, unnested into rows by Postgres: a single statement for
 * the whole batch whatever its size. Timestamps go as UTC ISO strings and are stored
 * as UTC, the way Prisma stores DateTime.
 */
const INSERT_USAGE = `
INSERT INTO "UsageRecord" ("requestId","tenantId","apiKeyId","modelRequested","providerId","deploymentId","credentialId","upstreamModel",
  "promptTokens","completionTokens","cachedTokens","tokensEstimated","upstreamCostPicos","billedPicos","latencyMs","ttfbMs","httpStatus",
  "errorClass","attempts","streamed","createdAt")
SELECT r, t, k, m, p, d, c, u, pt, ct, cc, te, uc, bc, l, f, s, e, a, st, ca AT TIME ZONE 'UTC'
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
  $9::int[], $10::int[], $11::int[], $12::bool[], $13::int8[], $14::int8[], $15::int[], $16::int[], $17::int[],
  $18::text[], $19::int[], $20::bool[], $21::timestamptz[])
  AS x(r, t, k, m, p, d, c, u, pt, ct, cc, te, uc, bc, l, f, s, e, a, st, ca)
ON CONFLICT ("requestId") DO NOTHING`;

/** Last-used is a hint for people, not a ledger: one update per key per batch, never backwards. */
const TOUCH_KEYS = `
UPDATE "ApiKey" k SET "lastUsedAt" = v.at AT TIME ZONE 'UTC'
FROM unnest($1::text[], $2::timestamptz[]) AS v(id, at)
WHERE k.id = v.id AND (k."lastUsedAt" IS NULL OR k."lastUsedAt" < v.at AT TIME ZONE 'UTC')`;

/**
 * Stores a batch of usage events. Unique on request id with duplicates skipped, so a
 * batch written twice (retry after a timeout, journal replay) is counted once.
 */
export async function writeUsageBatch(events: readonly UsageEvent[]): Promise<void> {
  if (events.length === 0) return;
  const col = <T>(pick: (e: UsageEvent) => T) => events.map(pick);
  const pool = getPgPool();
  await pool.query(INSERT_USAGE, [
    col((e) => e.requestId), col((e) => e.tenantId), col((e) => e.apiKeyId), col((e) => e.modelRequested),
    col((e) => e.providerId), col((e) => e.deploymentId), col((e) => e.credentialId), col((e) => e.upstreamModel),
    col((e) => e.promptTokens), col((e) => e.completionTokens), col((e) => e.cachedTokens), col((e) => e.tokensEstimated),
    col((e) => String(e.upstreamCostPicos)), col((e) => String(e.billedPicos)), col((e) => e.latencyMs), col((e) => e.ttfbMs),
    col((e) => e.httpStatus), col((e) => e.errorClass), col((e) => e.attempts), col((e) => e.streamed),
    col((e) => new Date(e.createdAt).toISOString()),
  ]);
  const lastUsed = new Map<string, number>();
  for (const e of events) lastUsed.set(e.apiKeyId, Math.max(lastUsed.get(e.apiKeyId) ?? 0, e.createdAt));
  await pool.query(TOUCH_KEYS, [[...lastUsed.keys()], [...lastUsed.values()].map((t) => new Date(t).toISOString())]);
}
