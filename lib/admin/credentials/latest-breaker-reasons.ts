import { getPrisma } from "@/lib/db";

/** The newest transition reason per credential, as a one-line "last error" summary. */
export async function latestBreakerReasons(): Promise<Map<string, { reason: string; at: Date }>> {
  const rows = await getPrisma().$queryRaw<
    { credentialId: string; reason: string; createdAt: Date }[]
  >`
    SELECT DISTINCT ON ("credentialId") "credentialId", reason, "createdAt"
    FROM "BreakerEvent" WHERE "credentialId" IS NOT NULL AND "errorClass" IS NOT NULL
    ORDER BY "credentialId", "createdAt" DESC, id DESC`;
  return new Map(rows.map((r) => [r.credentialId, { reason: r.reason, at: r.createdAt }]));
}
