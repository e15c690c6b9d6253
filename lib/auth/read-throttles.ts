import { getPrisma } from "@/lib/db";

/**
 * Failed sign-ins per key (`account:<email>`, `address:<ip>`) in Postgres, so every
 * instance slows the same guesser: the stored rows for `keys` (failures, lockedUntil,
 * updatedAt). Pure policy lives in lib/auth/sign-in-throttle-policy.ts.
 */
export async function readThrottles({ keys }: { keys: string[] }) {
  return getPrisma().signInThrottle.findMany({ where: { key: { in: keys } } });
}
