import type { Logger } from "pino";
import type { UsageEvent, UsageSink } from "./usage-event";
import type { UsageJournal } from "./usage-journal";

export interface UsageBufferOptions {
  /** Writes one batch; must be idempotent on request id. */
  write: (events: UsageEvent[]) => Promise<void>;
  journal: UsageJournal;
  log: Logger;
  batchSize?: number;
  intervalMs?: number;
  /** Events kept in memory during an outage before the oldest spill to the journal. */
  maxBuffered?: number;
}

/**
 * Metering never blocks a response: events are pushed here and written in batches by
 * a timer. During a database outage they stay in memory up to a bound, then spill to
 * the journal; `close` (SIGTERM) writes what it can and journals the rest.
 */
export class UsageBuffer implements UsageSink {
  private pending: UsageEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private failures = 0;
  private readonly batchSize: number;
  private readonly intervalMs: number;
  private readonly maxBuffered: number;
  private releaseReplayed: (() => void)[] = [];

  constructor(private readonly opts: UsageBufferOptions) {
    this.batchSize = opts.batchSize ?? 500;
    this.intervalMs = opts.intervalMs ?? 200;
    this.maxBuffered = opts.maxBuffered ?? 100_000;
  }

  get depth(): number {
    return this.pending.length;
  }

  start(): void {
    const { events, release } = this.opts.journal.claim();
    if (events.length > 0) {
      this.pending.push(...events);
      this.releaseReplayed.push(release);
      this.opts.log.info({ events: events.length }, "usage journal replayed into the meter");
    } else release();
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  record(event: UsageEvent): void {
    this.pending.push(event);
    if (this.pending.length > this.maxBuffered) {
      const spill = this.pending.splice(0, this.pending.length - this.maxBuffered);
      this.opts.journal.append(spill);
    }
    if (this.pending.length >= this.batchSize && !this.flushing) void this.flush();
  }

  /** Writes everything pending; resolves when the buffer is empty or a write failed. */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.slice(0, this.batchSize);
      try {
        await this.opts.write(batch);
      } catch (err) {
        this.failures++;
        // One line per outage, not one per attempt.
        if (this.failures === 1) this.opts.log.warn({ err: (err as Error).message, pending: this.pending.length }, "usage write failed; events kept for retry");
        return;
      }
      this.pending.splice(0, batch.length);
      if (this.failures > 0) this.opts.log.info({ failedAttempts: this.failures }, "usage writes recovered");
      this.failures = 0;
    }
    for (const release of this.releaseReplayed.splice(0)) release();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flushing;
    await this.flush();
    if (this.pending.length > 0) {
      this.opts.journal.append(this.pending.splice(0));
      this.opts.log.warn("usage events journaled at shutdown; they are written at next start");
    }
  }
}
