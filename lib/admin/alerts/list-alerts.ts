import { getPrisma } from "@/lib/db";

/**
 * Recent alerts for the dashboard, newest first (`limit` clamped to 1-500), each with its
 * webhook delivery status. The id is a string: BigInt does not survive JSON.
 */
export async function listAlerts({ limit = 50 }: { limit?: number } = {}) {
  const take = Math.min(Math.max(Math.trunc(limit), 1), 500);
  const rows = await getPrisma().alert.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
  });
  return rows.map((a) => ({
    id: a.id.toString(),
    kind: a.kind,
    message: a.message,
    payload: a.payload,
    createdAt: a.createdAt,
    deliveredAt: a.deliveredAt,
    attempts: a.attempts,
    lastError: a.lastError,
    delivered: a.deliveredAt !== null,
  }));
}
