import { getPrisma } from "@/lib/db";

export interface ProviderAttemptCount {
  /** The UTC minute (seconds and milliseconds zero). */
  minute: Date;
  providerId: string;
  /** `ok` or the failure class. */
  outcome: string;
  count: number;
}

/**
 * Adds a batch of per-minute attempt counts to `ProviderAttemptMinute` in one statement
 * (a row already there is incremented), so a storm of attempts costs one write per flush.
 */
export async function recordProviderAttempts(rows: ProviderAttemptCount[]): Promise<void> {
  if (rows.length === 0) return;
  await getPrisma().$executeRaw`
    INSERT INTO "ProviderAttemptMinute" ("minute", "providerId", "outcome", "count")
    SELECT * FROM unnest(${rows.map((r) => r.minute)}::timestamp(3)[], ${rows.map((r) => r.providerId)}::text[], ${rows.map((r) => r.outcome)}::text[], ${rows.map((r) => r.count)}::int[])
    ON CONFLICT ("minute", "providerId", "outcome") DO UPDATE SET "count" = "ProviderAttemptMinute"."count" + EXCLUDED."count"`;
}
