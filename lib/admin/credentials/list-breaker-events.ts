import { getPrisma } from "@/lib/db";

/**
 * One credential's breaker transitions, newest first: who moved it (`system` or a
 * person), why, the error class and the note a person left. Ids are strings (BigInt).
 */
export async function listBreakerEvents({
  credentialId,
  limit = 100,
}: {
  credentialId: string;
  limit?: number;
}) {
  const rows = await getPrisma().breakerEvent.findMany({
    where: { credentialId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(limit, 1), 1000),
  });
  return rows.map((e) => ({
    id: e.id.toString(),
    from: e.fromState,
    to: e.toState,
    errorClass: e.errorClass,
    reason: e.reason,
    actor: e.actor,
    note: e.note,
    at: e.createdAt,
  }));
}
