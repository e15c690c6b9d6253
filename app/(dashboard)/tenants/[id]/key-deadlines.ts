import { formatTimeLeft } from "@/lib/format/time-left";

/** How far ahead a key's expiry is flagged in the keys table: 7 days, in ms. */
export const EXPIRY_WARNING_MS = 7 * 86_400_000;

export interface KeyDeadline {
  kind: "expiry" | "grace";
  /** When it ends (ISO 8601), for the exact time on hover. */
  at: string;
  /** The badge's words, e.g. "expires in 3 days", "old secret ends in 42 min". */
  text: string;
}

/**
 * What is about to end on a key, as of `now` (epoch ms): its expiry within 7 days, and
 * the secret a rotation replaced while its grace period runs. Nothing for a revoked key,
 * or for what has already ended (the status says "expired").
 */
export function keyDeadlines(
  key: { revoked: boolean; expiresAt: string | null; previousEndsAt: string | null },
  now: number,
): KeyDeadline[] {
  if (key.revoked) return [];
  const out: KeyDeadline[] = [];
  const left = (at: string) => Date.parse(at) - now;
  if (key.expiresAt && left(key.expiresAt) > 0 && left(key.expiresAt) <= EXPIRY_WARNING_MS)
    out.push({
      kind: "expiry",
      at: key.expiresAt,
      text: `expires in ${formatTimeLeft(left(key.expiresAt))}`,
    });
  if (key.previousEndsAt && left(key.previousEndsAt) > 0)
    out.push({
      kind: "grace",
      at: key.previousEndsAt,
      text: `old secret ends in ${formatTimeLeft(left(key.previousEndsAt))}`,
    });
  return out;
}
