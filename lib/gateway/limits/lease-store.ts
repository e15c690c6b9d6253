/**
 * The shared side of limits, injected into the gate: Postgres in production. `take`
 * is atomic across instances: the window's `granted` total never passes `limit`
 * (except by `debt`, units an instance already admitted while the store was away).
 */
export interface LeaseTake {
  /** `key:<id>:<metric>` or `tenant:<id>:<metric>`. */
  scopeKey: string;
  /** Window start, epoch ms. */
  windowStart: number;
  /** Units wanted for this instance's local lease. */
  want: number;
  /** The limit as this instance knows it. */
  limit: number;
  /** Units admitted offline to record unconditionally first. */
  debt: number;
}

export interface LeaseGrant {
  /** Units granted to this instance now (0 when the window is used up). */
  granted: number;
  /** Units granted to all instances in this window, after this grant. */
  total: number;
}

export interface LeaseStore {
  /** @throws when the store cannot be reached (the gate then admits from its one offline lease). */
  take(request: LeaseTake): Promise<LeaseGrant>;
  /** Gives unused units back (at shutdown), so other instances can use them. */
  giveBack(scopeKey: string, windowStart: number, units: number): Promise<void>;
}
