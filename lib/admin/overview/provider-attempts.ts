import { getPrisma } from "@/lib/db";

export interface ProviderAttempts {
  /** Upstream attempts this provider answered, failovers included. */
  attempts: number;
  /** Of those, failed on the provider's side (every class but `client_error`). */
  failed: number;
  /** Failed attempts by failure class, most first. */
  byClass: { errorClass: string; count: number }[];
}

/**
 * Upstream attempts per provider from `ProviderAttemptMinute` over [since, now]: each
 * attempt counted against the provider that answered it, so in a failover the failing
 * provider shows its errors and the one that served shows a success. A `client_error`
 * (the request's own fault) is an attempt but not a provider failure.
 */
export async function providerAttempts({
  since,
  now,
}: {
  since: Date;
  now: Date;
}): Promise<Map<string, ProviderAttempts>> {
  const rows = await getPrisma().$queryRaw<
    { providerId: string; outcome: string; count: bigint }[]
  >`
    SELECT "providerId", outcome, sum("count")::bigint AS count FROM "ProviderAttemptMinute"
    WHERE "minute" >= date_trunc('minute', ${since}::timestamp) AND "minute" <= ${now}
    GROUP BY 1, 2 ORDER BY 3 DESC`;
  const out = new Map<string, ProviderAttempts>();
  for (const r of rows) {
    const p = out.get(r.providerId) ?? { attempts: 0, failed: 0, byClass: [] };
    const n = Number(r.count);
    p.attempts += n;
    if (r.outcome !== "ok" && r.outcome !== "client_error") {
      p.failed += n;
      p.byClass.push({ errorClass: r.outcome, count: n });
    }
    out.set(r.providerId, p);
  }
  return out;
}
