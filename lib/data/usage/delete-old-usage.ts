import { getPgPool } from "@/lib/db";

/**
 * Deletes raw usage rows older than `before` (epoch ms), at most `batch` per call, oldest
 * first, so a large backlog goes in short statements that never hold locks for long.
 * Rollups are kept. Lease rows of windows that ended before `before` go too.
 * @returns rows deleted (0 when nothing is left to delete)
 */
export async function deleteOldUsage({
  before,
  batch = 10_000,
}: {
  before: number;
  batch?: number;
}): Promise<number> {
  const pool = getPgPool();
  const cutoff = new Date(before).toISOString();
  const { rowCount } = await pool.query(
    `DELETE FROM "UsageRecord" WHERE "id" IN (
       SELECT "id" FROM "UsageRecord" WHERE "createdAt" < $1::timestamptz AT TIME ZONE 'UTC' ORDER BY "createdAt" LIMIT $2)`,
    [cutoff, batch],
  );
  await pool.query(
    `DELETE FROM "LimitLease" WHERE "windowStart" < $1::timestamptz AT TIME ZONE 'UTC' - interval '62 days'`,
    [cutoff],
  );
  return rowCount ?? 0;
}
