import { getPgPool } from "@/lib/db";
import type { UsageEvent } from "@/lib/gateway/metering/usage-event";

/**
 * The one rollup label of every request for a model the catalogue does not know (400
 * `model_not_found`): tenants choose model names freely, so each new name would be a new
 * rollup row. The raw name stays, bounded, in the request log (`modelRequested`).
 */
export const UNKNOWN_MODEL_LABEL = "(unknown model)";

/**
 * The upsert of one time rollup from the rows just inserted (`ins`), as a CTE: the hourly
 * and daily rollups differ only in their table and time bucket.
 */
function rollupUpsert(
  cte: string,
  table: string,
  alias: string,
  bucketColumn: string,
  bucket: string,
): string {
  const add = (c: string) => `"${c}" = ${alias}."${c}" + EXCLUDED."${c}"`;
  return `${cte} AS (
  INSERT INTO "${table}" AS ${alias} ("${bucketColumn}","tenantId","apiKeyId","model","providerId","api","requests","errors","promptTokens","completionTokens","cachedTokens","upstreamCostPicos","billedPicos")
  SELECT ${bucket}, "tenantId", "apiKeyId", model, provider, api, count(*), count(*) FILTER (WHERE "httpStatus" >= 400),
    sum("promptTokens"), sum("completionTokens"), sum("cachedTokens"), sum("upstreamCostPicos"), sum("billedPicos")
  FROM ins GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT ("${bucketColumn}","tenantId","apiKeyId","model","providerId","api") DO UPDATE SET
    ${["requests", "errors", "promptTokens", "completionTokens", "cachedTokens", "upstreamCostPicos", "billedPicos"].map(add).join(", ")}
)`;
}

/**
 * One column array per field, unnested into rows by Postgres: a single statement for
 * the whole batch whatever its size. Timestamps go as UTC ISO strings and are stored
 * as UTC, the way Prisma stores DateTime.
 *
 * The rollups are updated in the same statement from the rows actually inserted
 * (`RETURNING` of an insert that skips known request ids), so a batch written twice is
 * counted once in the raw rows and in every rollup. Rollup rows are upserted in key
 * order so two instances flushing at once cannot deadlock.
 */
const INSERT_USAGE = `
WITH ins AS (
  INSERT INTO "UsageRecord" ("requestId","tenantId","apiKeyId","modelRequested","providerId","deploymentId","credentialId","upstreamModel",
    "promptTokens","completionTokens","cachedTokens","tokensEstimated","upstreamCostPicos","billedPicos","latencyMs","ttfbMs","httpStatus",
    "errorClass","attempts","streamed","createdAt","cacheWriteTokens","inputPricePer1MMicros","outputPricePer1MMicros",
    "cachedInputPricePer1MMicros","cacheWritePricePer1MMicros","billedPricePer1MMicros","endUser","tags","api","failoverTrail")
  SELECT r, t, k, m, p, d, c, u, pt, ct, cc, te, uc, bc, l, f, s, e, a, st, ca AT TIME ZONE 'UTC', cw, ip, op, cp, wp, bp, eu,
    COALESCE((SELECT array_agg(x) FROM jsonb_array_elements_text(tg) x), '{}'), ap, ft
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
    $9::int[], $10::int[], $11::int[], $12::bool[], $13::int8[], $14::int8[], $15::int[], $16::int[], $17::int[],
    $18::text[], $19::int[], $20::bool[], $21::timestamptz[], $22::int[], $23::int8[], $24::int8[], $25::int8[], $26::int8[], $27::int8[],
    $28::text[], $29::jsonb[], $31::text[], $32::text[])
    AS x(r, t, k, m, p, d, c, u, pt, ct, cc, te, uc, bc, l, f, s, e, a, st, ca, cw, ip, op, cp, wp, bp, eu, tg, ap, ft)
  ON CONFLICT ("requestId") DO NOTHING
  RETURNING "tenantId", "apiKeyId", "createdAt", "httpStatus", "promptTokens", "completionTokens", "cachedTokens", "upstreamCostPicos", "billedPicos",
    CASE WHEN "providerId" IS NOT NULL AND "upstreamModel" IS NOT NULL THEN "providerId" || '/' || "upstreamModel"
      WHEN "errorClass" = 'model_not_found' THEN '${UNKNOWN_MODEL_LABEL}' ELSE "modelRequested" END AS model,
    COALESCE("providerId", '') AS provider, "endUser", "tags", "api"
),
${rollupUpsert("hourly", "UsageRollupHourly", "h", "hour", `date_trunc('hour', "createdAt")`)},
${rollupUpsert("daily", "UsageRollupDaily", "d", "day", `"createdAt"::date`)},
labelled AS (
  SELECT "createdAt"::date AS day, "tenantId", 'user' AS dimension, "endUser" AS value,
    "httpStatus", "promptTokens", "completionTokens", "cachedTokens", "upstreamCostPicos", "billedPicos" FROM ins WHERE "endUser" IS NOT NULL
  UNION ALL
  SELECT "createdAt"::date, "tenantId", 'tag', tag,
    "httpStatus", "promptTokens", "completionTokens", "cachedTokens", "upstreamCostPicos", "billedPicos" FROM ins, unnest(ins."tags") AS tag
),
known AS (
  -- Values stored so far per tenant, day and dimension: counted once per group, not per row.
  SELECT x."day", x."tenantId", x."dimension", count(*) AS n FROM "UsageRollupLabel" x
  WHERE (x."day", x."tenantId", x."dimension") IN (SELECT DISTINCT day, "tenantId", dimension FROM labelled)
  GROUP BY 1, 2, 3
),
bounded AS (
  -- At most $30 distinct values per tenant, day and dimension; the rest sum under '(other)'.
  SELECT lb.*, CASE WHEN COALESCE(k.n, 0) < $30
      OR EXISTS (SELECT 1 FROM "UsageRollupLabel" x WHERE x."day" = lb.day AND x."tenantId" = lb."tenantId" AND x."dimension" = lb.dimension AND x."value" = lb.value)
    THEN lb.value ELSE '(other)' END AS kept
  FROM labelled lb LEFT JOIN known k ON k."day" = lb.day AND k."tenantId" = lb."tenantId" AND k."dimension" = lb.dimension
),
labels AS (
  INSERT INTO "UsageRollupLabel" AS g ("day","tenantId","dimension","value","requests","errors","promptTokens","completionTokens","cachedTokens","upstreamCostPicos","billedPicos")
  SELECT day, "tenantId", dimension, kept, count(*), count(*) FILTER (WHERE "httpStatus" >= 400),
    sum("promptTokens"), sum("completionTokens"), sum("cachedTokens"), sum("upstreamCostPicos"), sum("billedPicos")
  FROM bounded GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("day","tenantId","dimension","value") DO UPDATE SET
    "requests" = g."requests" + EXCLUDED."requests", "errors" = g."errors" + EXCLUDED."errors",
    "promptTokens" = g."promptTokens" + EXCLUDED."promptTokens", "completionTokens" = g."completionTokens" + EXCLUDED."completionTokens",
    "cachedTokens" = g."cachedTokens" + EXCLUDED."cachedTokens", "upstreamCostPicos" = g."upstreamCostPicos" + EXCLUDED."upstreamCostPicos",
    "billedPicos" = g."billedPicos" + EXCLUDED."billedPicos"
)
SELECT count(*)::int AS inserted FROM ins`;

/** Distinct end users or tags kept per tenant and day before the rest fold into '(other)'. */
export const MAX_LABEL_VALUES_PER_DAY = 1000;

/** Last-used is a hint for people, not a ledger: one update per key per batch, never backwards. */
const TOUCH_KEYS = `
UPDATE "ApiKey" k SET "lastUsedAt" = v.at AT TIME ZONE 'UTC'
FROM unnest($1::text[], $2::timestamptz[]) AS v(id, at)
WHERE k.id = v.id AND (k."lastUsedAt" IS NULL OR k."lastUsedAt" < v.at AT TIME ZONE 'UTC')`;

/**
 * Stores a batch of usage events and adds them to the hourly, daily and label rollups.
 * Unique on request id with duplicates skipped, so a batch written twice (retry after
 * a timeout, journal replay) is counted once.
 * @returns how many events were new
 */
export async function writeUsageBatch(events: readonly UsageEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const col = <T>(pick: (e: UsageEvent) => T) => events.map(pick);
  const big = (v: number | null | undefined) => (v === null || v === undefined ? null : String(v));
  const pool = getPgPool();
  const { rows } = await pool.query<{ inserted: number }>(INSERT_USAGE, [
    col((e) => e.requestId),
    col((e) => e.tenantId),
    col((e) => e.apiKeyId),
    col((e) => e.modelRequested),
    col((e) => e.providerId),
    col((e) => e.deploymentId),
    col((e) => e.credentialId),
    col((e) => e.upstreamModel),
    col((e) => e.promptTokens),
    col((e) => e.completionTokens),
    col((e) => e.cachedTokens),
    col((e) => e.tokensEstimated),
    col((e) => String(e.upstreamCostPicos)),
    col((e) => String(e.billedPicos)),
    col((e) => e.latencyMs),
    col((e) => e.ttfbMs),
    col((e) => e.httpStatus),
    col((e) => e.errorClass),
    col((e) => e.attempts),
    col((e) => e.streamed),
    col((e) => new Date(e.createdAt).toISOString()),
    col((e) => e.cacheWriteTokens ?? 0),
    col((e) => big(e.prices?.inputPricePer1MMicros)),
    col((e) => big(e.prices?.outputPricePer1MMicros)),
    col((e) => big(e.prices?.cachedInputPricePer1MMicros)),
    col((e) => big(e.prices?.cacheWritePricePer1MMicros)),
    col((e) => big(e.prices?.billedPricePer1MMicros)),
    col((e) => e.endUser ?? null),
    col((e) => JSON.stringify(e.tags ?? [])),
    MAX_LABEL_VALUES_PER_DAY,
    // Events journaled before the column existed came in by chat, the only API then.
    col((e) => e.api ?? "chat"),
    col((e) => e.failoverTrail ?? null),
  ]);
  const lastUsed = new Map<string, number>();
  for (const e of events)
    lastUsed.set(e.apiKeyId, Math.max(lastUsed.get(e.apiKeyId) ?? 0, e.createdAt));
  await pool.query(TOUCH_KEYS, [
    [...lastUsed.keys()],
    [...lastUsed.values()].map((t) => new Date(t).toISOString()),
  ]);
  return rows[0]?.inserted ?? 0;
}
