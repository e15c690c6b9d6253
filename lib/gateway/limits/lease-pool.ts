import type { LeaseStore } from "./lease-store";
import type { LimitWindow } from "./windows";

/** What a pool answers an admission. */
export type PoolAnswer = "admitted" | "exhausted" | "unavailable";

export interface PoolOptions {
  scopeKey: string;
  window: LimitWindow;
  limit: number;
  /** Units taken from the store per lease. */
  leaseSize: number;
  store: LeaseStore;
  /** After the store says the window is used up, ask again no sooner than this (ms). */
  recheckMs: number;
  /** A lease the store has not granted within this long counts as the store being away. */
  storeTimeoutMs?: number;
}

/**
 * This instance's share of one limit in one window. Admission spends from the local
 * lease without waiting on the store; a new lease is fetched in the background when
 * half the current one is gone, and awaited only when nothing is left. Token pools may
 * go below zero (a request reserves its estimate once any allowance is left, and
 * settles with the real usage); the next lease repays that first.
 *
 * When the store cannot be reached, the pool grants itself one more lease (once per
 * window), remembered as debt and recorded when the store answers again; after that
 * it answers `unavailable`.
 */
export class LeasePool {
  /** Units leased to this instance and not yet spent; negative after an overrun. */
  private available = 0;
  /** Units granted to all instances as of our last lease. */
  private globalGranted = 0;
  private inflight: Promise<void> | undefined;
  private exhaustedUntil = 0;
  private offlineLeaseUsed = false;
  private storeDown = false;
  private retryStoreAt = 0;
  private debt = 0;

  constructor(private readonly opts: PoolOptions) {}

  get window(): LimitWindow {
    return this.opts.window;
  }

  get limit(): number {
    return this.opts.limit;
  }

  /** Best estimate of what is left for everyone in this window. */
  remaining(): number {
    return Math.max(0, this.opts.limit - (this.globalGranted - Math.max(0, this.available)));
  }

  /** Units leased locally and unspent (for giving back at shutdown). */
  unspent(): number {
    return Math.max(0, this.available);
  }

  /**
   * Spends `cost` units when any are left (a request pool needs a whole unit).
   * @param whole true for request counts: admit only when `cost` units are leased
   */
  async acquire(cost: number, whole: boolean, now: () => number): Promise<PoolAnswer> {
    // Each round either spends, stops, or waits for one lease; leases are finite.
    for (let round = 0; round < 10_000; round++) {
      if (whole ? this.available >= cost : this.available > 0) {
        this.available -= cost;
        if (this.available < this.opts.leaseSize / 2) this.prefetch(now);
        return "admitted";
      }
      if (now() < this.exhaustedUntil) return "exhausted";
      // Offline lease spent: ask the store again at most once a second, refuse meanwhile.
      if (this.storeDown && this.offlineLeaseUsed && now() < this.retryStoreAt)
        return "unavailable";
      await this.refill(cost, now);
    }
    return this.storeDown ? "unavailable" : "exhausted";
  }

  /** Returns units (a refused sibling limit, or a reservation larger than the use). */
  refund(units: number): void {
    this.available += units;
  }

  /** Spends units beyond the reservation (real usage above the estimate). */
  charge(units: number): void {
    this.available -= units;
  }

  /**
   * Leases ahead only while plenty is left for everyone: near the end of a window a lease
   * taken early could sit unspent here while another instance refuses requests.
   */
  private prefetch(now: () => number): void {
    if (this.inflight || now() < this.exhaustedUntil || this.storeDown) return;
    if (this.opts.limit - this.globalGranted < 4 * this.opts.leaseSize) return;
    void this.refill(0, now);
  }

  private refill(need: number, now: () => number): Promise<void> {
    this.inflight ??= this.fetch(need, now).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async fetch(need: number, now: () => number): Promise<void> {
    const deficit = Math.max(0, need - this.available);
    const want = Math.max(this.opts.leaseSize, deficit);
    try {
      const grant = await withTimeout(
        this.opts.store.take({
          scopeKey: this.opts.scopeKey,
          windowStart: this.opts.window.start,
          want,
          limit: this.opts.limit,
          debt: this.debt,
        }),
        this.opts.storeTimeoutMs ?? 2000,
      );
      this.debt = 0;
      this.storeDown = false;
      this.available += grant.granted;
      this.globalGranted = grant.total;
      if (grant.granted === 0)
        this.exhaustedUntil = Math.min(this.opts.window.end, now() + this.opts.recheckMs);
    } catch {
      this.storeDown = true;
      this.retryStoreAt = now() + 1000;
      if (!this.offlineLeaseUsed) {
        this.offlineLeaseUsed = true;
        this.available += this.opts.leaseSize;
        this.debt += this.opts.leaseSize;
      }
    }
  }
}

/** Rejects when `promise` takes longer than `ms`; the late answer, if any, is dropped. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`lease store did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
