/**
 * How sign-in guessing is slowed: an account may fail 4 times freely, an address
 * (shared by an office behind one NAT) 19 times; after that each further failure locks
 * the key for twice as long as the last, from 2 s up to 15 minutes.
 */
export const FREE_FAILURES = { account: 4, address: 19 } as const;
export const MAX_LOCK_MS = 15 * 60_000;

/** When the key unlocks after its `failures`-th failure, or null while failures are free. */
export function lockUntil(key: string, failures: number, now = Date.now()): Date | null {
  const free = key.startsWith("address:") ? FREE_FAILURES.address : FREE_FAILURES.account;
  if (failures <= free) return null;
  const ms = Math.min(1000 * 2 ** (failures - free), MAX_LOCK_MS);
  return new Date(now + ms);
}

/** Seconds until every key is unlocked, or 0 when none is locked. */
export function secondsLocked(rows: { lockedUntil: Date | null }[], now = Date.now()): number {
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil?.getTime() ?? 0));
  return until > now ? Math.ceil((until - now) / 1000) : 0;
}

export function throttleKeys(email: string, address: string | undefined): string[] {
  const keys = [`account:${email.trim().toLowerCase()}`];
  if (address) keys.push(`address:${address}`);
  return keys;
}
