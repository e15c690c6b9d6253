import { getPrisma } from "@/lib/db";

/**
 * Adds one failure to each key (`account:<email>`, `address:<ip>`) and stores the lock
 * the policy computed from the new count (`lockFor` returns the lock's end, or null).
 */
export async function recordSignInFailure({
  keys,
  lockFor,
}: {
  keys: string[];
  lockFor: (key: string, failures: number) => Date | null;
}) {
  const prisma = getPrisma();
  for (const key of keys) {
    const existing = await prisma.signInThrottle.findUnique({ where: { key } });
    // Failures older than an hour are forgotten: a typo last week costs nothing today.
    const stale = existing !== null && Date.now() - existing.updatedAt.getTime() > 60 * 60_000;
    const row = await prisma.signInThrottle.upsert({
      where: { key },
      create: { key, failures: 1 },
      update: stale ? { failures: 1, lockedUntil: null } : { failures: { increment: 1 } },
    });
    const lockedUntil = lockFor(key, row.failures);
    if (lockedUntil) await prisma.signInThrottle.update({ where: { key }, data: { lockedUntil } });
  }
}
