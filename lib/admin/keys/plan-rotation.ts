/** A secret a key holds: SHA-256 hex, visible prefix and, for a replaced one, its end. */
export interface KeySecret {
  hash: string;
  prefix: string;
  /** Epoch ms the secret stops working; null for a key's newest secret. */
  endsAt: number | null;
}

export interface RotationPlan {
  /** When the secret being replaced stops working (epoch ms): `now` + the grace period. */
  previousEndsAt: number;
  /**
   * An older replaced secret still in its grace period, which this rotation ends at once
   * (a key holds at most two live secrets), or null.
   */
  ended: KeySecret | null;
}

/**
 * The grace arithmetic of a rotation at `now` (epoch ms) with `graceSeconds` (whole
 * seconds, 0 = the replaced secret stops at once): the newest secret becomes the
 * replaced one until `now + graceSeconds`; a secret it had replaced earlier that is still
 * live ends now, and one whose grace is over is simply forgotten.
 */
export function planRotation({
  now,
  graceSeconds,
  previous,
}: {
  now: number;
  graceSeconds: number;
  /** The secret an earlier rotation replaced, if the key has one. */
  previous: KeySecret | null;
}): RotationPlan {
  const live = previous !== null && previous.endsAt !== null && previous.endsAt > now;
  return { previousEndsAt: now + graceSeconds * 1_000, ended: live ? previous : null };
}
