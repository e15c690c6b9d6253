import { getPgPool } from "@/lib/db";

/** Returns unspent units of a window's allowance (an instance shutting down). */
export async function giveBackLimitLease(
  scopeKey: string,
  windowStart: number,
  units: number,
): Promise<void> {
  await getPgPool().query(
    `UPDATE "LimitLease" SET "granted" = GREATEST(0, "granted" - $3::bigint), "updatedAt" = now()
     WHERE "scopeKey" = $1 AND "windowStart" = $2::timestamptz AT TIME ZONE 'UTC'`,
    [scopeKey, new Date(windowStart).toISOString(), units],
  );
}
