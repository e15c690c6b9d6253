import { getPgPool } from "@/lib/db";
import type { LeaseGrant, LeaseTake } from "@/lib/gateway/limits/lease-store";

const ENSURE_ROW = `
INSERT INTO "LimitLease" ("scopeKey", "windowStart", "granted") VALUES ($1, $2::timestamptz AT TIME ZONE 'UTC', 0)
ON CONFLICT ("scopeKey", "windowStart") DO NOTHING`;

/**
 * The row is locked by the sub-select, so `before` and the update see the same value
 * whatever other instances do at the same moment; `granted` never passes the limit
 * except by the debt, which is recorded unconditionally.
 */
const TAKE = `
UPDATE "LimitLease" l
SET "granted" = GREATEST(o.granted + $5::bigint, LEAST($4::bigint, o.granted + $5::bigint + $3::bigint)), "updatedAt" = now()
FROM (SELECT "granted" FROM "LimitLease" WHERE "scopeKey" = $1 AND "windowStart" = $2::timestamptz AT TIME ZONE 'UTC' FOR UPDATE) o
WHERE l."scopeKey" = $1 AND l."windowStart" = $2::timestamptz AT TIME ZONE 'UTC'
RETURNING l."granted"::text AS total, (o.granted + $5::bigint)::text AS before`;

/**
 * Takes up to `want` units of a window's allowance for one instance, atomically
 * across instances; old windows' rows are swept by the retention job.
 * @returns units granted now (0 when the window is used up) and the window's total
 * @throws when Postgres cannot be reached (the caller falls back to its offline lease)
 */
export async function takeLimitLease(r: LeaseTake): Promise<LeaseGrant> {
  const pool = getPgPool();
  const windowStart = new Date(r.windowStart).toISOString();
  let { rows } = await pool.query<{ total: string; before: string }>(TAKE, [
    r.scopeKey,
    windowStart,
    r.want,
    r.limit,
    r.debt,
  ]);
  if (rows.length === 0) {
    await pool.query(ENSURE_ROW, [r.scopeKey, windowStart]);
    ({ rows } = await pool.query<{ total: string; before: string }>(TAKE, [
      r.scopeKey,
      windowStart,
      r.want,
      r.limit,
      r.debt,
    ]));
  }
  const total = Number(rows[0]!.total);
  return { granted: total - Number(rows[0]!.before), total };
}
