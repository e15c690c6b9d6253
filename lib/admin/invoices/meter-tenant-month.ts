import { getPgPool } from "@/lib/db";
import { AllowanceMeter } from "@/lib/billing/allowance";

/**
 * Chargeable requests of one tenant in [start, end), in request order (start time,
 * then row id): tokens, the billed price stored on the row when it was metered, and
 * the model that served. Rows metered before prices were stored price at billedPicos / tokens.
 */
const PAGE_SQL = `
SELECT "id"::text AS id, to_char("createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.US') AS at, ("promptTokens" + "completionTokens") AS tokens,
  COALESCE("billedPricePer1MMicros", "billedPicos" / NULLIF("promptTokens" + "completionTokens", 0))::text AS price,
  CASE WHEN "providerId" IS NOT NULL AND "upstreamModel" IS NOT NULL THEN "providerId" || '/' || "upstreamModel" ELSE "modelRequested" END AS model
FROM "UsageRecord"
WHERE "tenantId" = $1 AND "createdAt" >= $2::timestamptz AT TIME ZONE 'UTC' AND "createdAt" < $3::timestamptz AT TIME ZONE 'UTC'
  AND ("promptTokens" + "completionTokens") > 0
  AND ("createdAt", "id") > ($4::timestamp, $5::bigint)
ORDER BY "UsageRecord"."createdAt", "UsageRecord"."id"
LIMIT $6`;

/**
 * Runs a month's usage of one tenant through the plan's allowance, page by page, so a
 * tenant with millions of requests never sits in memory at once.
 * @param start epoch ms, inclusive; @param end epoch ms, exclusive
 */
export async function meterTenantMonth({
  tenantId,
  start,
  end,
  includedTokens,
  pageSize = 20_000,
}: {
  tenantId: string;
  start: number;
  end: number;
  includedTokens: bigint;
  pageSize?: number;
}): Promise<AllowanceMeter> {
  const meter = new AllowanceMeter(includedTokens);
  const pool = getPgPool();
  let after = { at: "1970-01-01T00:00:00", id: "0" };
  for (;;) {
    const { rows } = await pool.query<{
      id: string;
      at: string;
      tokens: number;
      price: string;
      model: string;
    }>(PAGE_SQL, [
      tenantId,
      new Date(start).toISOString(),
      new Date(end).toISOString(),
      after.at,
      after.id,
      pageSize,
    ]);
    for (const r of rows)
      meter.add({ tokens: r.tokens, billedPricePer1MMicros: Number(r.price), model: r.model });
    if (rows.length < pageSize) return meter;
    const last = rows.at(-1)!;
    after = { at: last.at, id: last.id };
  }
}
