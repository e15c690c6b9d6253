import { getPrisma } from "@/lib/db";

/**
 * The newest transition of each provider's own breaker: why it is in its state, and who
 * put it there (`system` or a person, with their note). Keyed by provider id.
 */
export async function latestProviderEvents(): Promise<
  Map<string, { reason: string; actor: string; note: string | null; at: Date }>
> {
  const rows = await getPrisma().$queryRaw<
    { providerId: string; reason: string; actor: string; note: string | null; createdAt: Date }[]
  >`
    SELECT DISTINCT ON ("providerId") "providerId", reason, actor, note, "createdAt"
    FROM "BreakerEvent" WHERE "credentialId" IS NULL AND "scopeKey" LIKE 'provider:%'
    ORDER BY "providerId", "createdAt" DESC, id DESC`;
  return new Map(
    rows.map((r) => [
      r.providerId,
      { reason: r.reason, actor: r.actor, note: r.note, at: r.createdAt },
    ]),
  );
}
