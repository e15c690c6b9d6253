/**
 * Outcome counts over a sliding window, in one-second buckets: constant memory and
 * constant time per outcome, whatever the request rate.
 */
export class OutcomeWindow {
  private readonly ok: number[];
  private readonly failed: number[];
  private readonly stamp: number[];

  constructor(
    private readonly windowMs: number,
    private readonly bucketMs = 1_000,
  ) {
    const n = Math.max(1, Math.ceil(windowMs / bucketMs));
    this.ok = new Array<number>(n).fill(0);
    this.failed = new Array<number>(n).fill(0);
    this.stamp = new Array<number>(n).fill(-1);
  }

  private bucket(now: number): number {
    const tick = Math.floor(now / this.bucketMs);
    const i = tick % this.ok.length;
    if (this.stamp[i] !== tick) {
      this.stamp[i] = tick;
      this.ok[i] = 0;
      this.failed[i] = 0;
    }
    return i;
  }

  record(success: boolean, now: number): void {
    const i = this.bucket(now);
    if (success) this.ok[i]!++;
    else this.failed[i]!++;
  }

  totals(now: number): { ok: number; failed: number } {
    const oldest = Math.floor(now / this.bucketMs) - this.ok.length + 1;
    let ok = 0;
    let failed = 0;
    for (let i = 0; i < this.ok.length; i++) {
      if (this.stamp[i]! >= oldest) {
        ok += this.ok[i]!;
        failed += this.failed[i]!;
      }
    }
    return { ok, failed };
  }

  reset(): void {
    // Counts too, not only stamps: with a clock near zero (fake timers) a stamp of -1
    // still falls inside the window, and stale counts would survive the reset.
    this.ok.fill(0);
    this.failed.fill(0);
    this.stamp.fill(-1);
  }
}

/** Timestamps of recent events, for "N within T" rules on rare events such as 401s. */
export class RecentEvents {
  private times: number[] = [];

  constructor(private readonly windowMs: number) {}

  add(now: number): number {
    this.times.push(now);
    const cutoff = now - this.windowMs;
    while (this.times.length > 0 && this.times[0]! <= cutoff) this.times.shift();
    return this.times.length;
  }

  reset(): void {
    this.times = [];
  }
}
