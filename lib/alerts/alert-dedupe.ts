/**
 * Remembers when each dedupe key last produced an alert, so a breaker that flaps or a
 * provider that stays down raises one alert per window, not one per failed request.
 * What it suppresses is counted and handed to the next alert that goes out for the key.
 */
export class AlertDedupe {
  private readonly lastSent = new Map<string, { sentAt: number; suppressed: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly maxKeys = 1000,
  ) {}

  /**
   * null when the alert falls inside the key's window (it is counted, not sent);
   * otherwise how many were suppressed since the last one that went out.
   */
  admit(key: string, at: number): number | null {
    const entry = this.lastSent.get(key);
    if (entry && at - entry.sentAt < this.windowMs) {
      entry.suppressed++;
      return null;
    }
    const carried = entry?.suppressed ?? 0;
    // Delete then set so the Map's insertion order stays oldest-sent first for pruning.
    this.lastSent.delete(key);
    this.lastSent.set(key, { sentAt: at, suppressed: 0 });
    if (this.lastSent.size > this.maxKeys) this.prune(at);
    return carried;
  }

  /** Drops expired keys, and the oldest ones if that is not enough: memory stays bounded. */
  private prune(at: number): void {
    for (const [key, e] of this.lastSent) {
      if (at - e.sentAt >= this.windowMs && e.suppressed === 0) this.lastSent.delete(key);
    }
    for (const key of this.lastSent.keys()) {
      if (this.lastSent.size <= this.maxKeys) break;
      this.lastSent.delete(key);
    }
  }
}
