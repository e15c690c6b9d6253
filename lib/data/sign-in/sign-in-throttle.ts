import { getPrisma } from "@/lib/db";

/**
 * Failed sign-ins per key (`account:<email>`, `address:<ip>`) in Postgres, so every
 * instance slows the same guesser. Pure policy lives in lib/auth/sign-in-throttle-policy.ts.
 */
export async function readThrottles({ keys }: { keys: string[] }) {
  return getPrisma().signInThrottle.findMany({ where: { key: { in: keys } } });
}

/** Adds one failure to each key and stores the lock the policy computed from the new count. */
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

/** A successful sign-in forgives the account's failures (the address keeps its count). */
export async function clearSignInFailures({ keys }: { keys: string[] }) {
  await getPrisma().signInThrottle.deleteMany({ where: { key: { in: keys } } });
}
