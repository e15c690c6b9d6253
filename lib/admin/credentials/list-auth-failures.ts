import { getPrisma } from "@/lib/db";

/**
 * The 401/403 timeline: every upstream auth failure, and the breaker transitions of
 * credentials over the same period (when a key was opened, quarantined, closed, by whom).
 */
export async function listAuthFailures({
  from,
  to,
  credentialId,
  limit = 1000,
}: {
  from?: Date;
  to?: Date;
  credentialId?: string;
  limit?: number;
}) {
  const prisma = getPrisma();
  const createdAt = { gte: from, lte: to };
  // Ids break ties: a probe's half_open and its verdict are often stored within the same
  // millisecond, and a timeline must not show the verdict before the probe.
  const newestFirst = [{ createdAt: "desc" as const }, { id: "desc" as const }];
  const [failures, transitions] = await Promise.all([
    prisma.authFailure.findMany({
      where: { createdAt, credentialId },
      orderBy: newestFirst,
      take: limit,
    }),
    prisma.breakerEvent.findMany({
      where: { createdAt, credentialId: credentialId ?? { not: null } },
      orderBy: newestFirst,
      take: limit,
    }),
  ]);
  return {
    data: failures.map((f) => ({
      id: f.id,
      credentialId: f.credentialId,
      provider: f.providerId,
      status: f.httpStatus,
      errorClass: f.errorClass,
      code: f.code,
      message: f.message,
      requestId: f.requestId,
      at: f.createdAt,
    })),
    transitions: transitions.map((e) => ({
      id: e.id,
      credentialId: e.credentialId,
      provider: e.providerId,
      from: e.fromState,
      to: e.toState,
      errorClass: e.errorClass,
      reason: e.reason,
      actor: e.actor,
      note: e.note,
      at: e.createdAt,
    })),
  };
}
