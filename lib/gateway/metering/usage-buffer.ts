import type { Logger } from "pino";
import { metrics } from "@/lib/observability/metrics";
import { writeIsolatingBadEvents, type DeadLetter, type WriteFailure } from "./isolate-bad-events";
import { usageEvent, type UsageEvent, type UsageSink } from "./usage-event";
import type { UsageJournal } from "./usage-journal";

export interface UsageBufferOptions {
  /** Writes one batch; must be idempotent on request id. */
  write: (events: readonly UsageEvent[]) => Promise<unknown>;
  /** Stores events the store refused for their data, with the reason; idempotent on request id. */
  deadLetter: (letters: DeadLetter[]) => Promise<void>;
  /** Tells a refusal for the data from an unavailable store. */
  classify: (err: unknown) => WriteFailure;
  journal: UsageJournal;
  log: Logger;
  batchSize?: number;
  /** Milliseconds between batch writes. */
  intervalMs?: number;
  /** Milliseconds between write attempts while the store is unavailable. */
  retryIntervalMs?: number;
  /**
   * A write still unanswered after this many milliseconds counts as a store in trouble:
   * new events go to the journal instead of waiting in memory for its verdict.
   */
  slowWriteMs?: number;
}

/** What `/ready` and `/metrics` say about the meter. */
export interface MeterStatus {
  /** False while the store refuses writes (events then go to the journal). */
  writable: boolean;
  /** Events in memory waiting for the next batch. */
  pending: number;
  /** Events (possibly) waiting in the local journal. */
  journaled: boolean;
  /** Events refused for their data since start. */
  deadLetters: number;
}

/**
 * Metering never blocks a response: events are pushed here and written in batches by a
 * timer. Every event is made storable on the way in (`usageEvent`); a batch refused for
 * its data is split until the bad event is alone and dead-lettered. While the store is
 * unavailable each event is appended to the local journal as it arrives, and the journal
 * is replayed (at start, and once the store answers again) and removed only after its
 * rows are written. `close` (shutdown) writes what it can and journals the rest.
 */
export class UsageBuffer implements UsageSink {
  private pending: UsageEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private down = false;
  private closed = false;
  private lastAttemptAt = 0;
  private failures = 0;
  private deadLetters = 0;
  /** The journal may hold events: true at start (leftovers of an earlier run) and after any append. */
  private journalDirty = true;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly batchSize: number;
  private readonly intervalMs: number;
  private readonly retryIntervalMs: number;
  private readonly slowWriteMs: number;
  /** When the write in flight started (0: none). */
  private writingSince = 0;

  constructor(private readonly opts: UsageBufferOptions) {
    this.batchSize = opts.batchSize ?? 500;
    this.intervalMs = opts.intervalMs ?? 200;
    this.retryIntervalMs = opts.retryIntervalMs ?? 1_000;
    this.slowWriteMs = opts.slowWriteMs ?? 250;
  }

  get depth(): number {
    return this.pending.length;
  }

  status(): MeterStatus {
    return {
      writable: !this.down,
      pending: this.pending.length,
      journaled: this.journalDirty,
      deadLetters: this.deadLetters,
    };
  }

  /** Starts the batch timer; the first tick replays whatever an earlier run journaled. */
  start(): void {
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
    void this.flush();
  }

  record(event: UsageEvent): void {
    const e = usageEvent(event);
    if (this.down || this.closed || this.writeIsSlow()) {
      // Durable before acknowledged: on disk now, written to Postgres once it answers.
      this.toJournal(this.pending.splice(0));
      this.toJournal([e]);
      return;
    }
    this.pending.push(e);
    if (this.pending.length >= this.batchSize && !this.flushing) void this.flush();
  }

  /** Work that will record an event later (e.g. counting tokens); `close` waits for it. */
  track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Writes everything pending; resolves when done or when the store refused (events kept). */
  flush(force = false): Promise<void> {
    this.flushing ??= this.drain(force).finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async drain(force: boolean): Promise<void> {
    if (this.down && !force && Date.now() - this.lastAttemptAt < this.retryIntervalMs) return;
    this.lastAttemptAt = Date.now();
    if (this.journalDirty) {
      this.journalDirty = false;
      const claimed = this.opts.journal.claim();
      try {
        await this.store(claimed.events.map(usageEvent));
      } catch (err) {
        // The claimed files stay on disk and are claimed again next time.
        this.journalDirty = true;
        this.markDown(err);
        return;
      }
      claimed.release();
      if (claimed.events.length > 0)
        this.opts.log.info({ events: claimed.events.length }, "usage journal replayed");
    }
    if (this.down) {
      this.down = false;
      metrics().usageMeterWritable.set(1);
      this.opts.log.info({ failedAttempts: this.failures }, "usage writes recovered");
      this.failures = 0;
    }
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.batchSize);
      try {
        await this.store(batch);
      } catch (err) {
        this.markDown(err);
        this.toJournal(batch);
        this.toJournal(this.pending.splice(0));
        return;
      }
    }
  }

  private writeIsSlow(): boolean {
    return this.writingSince !== 0 && Date.now() - this.writingSince > this.slowWriteMs;
  }

  private async store(events: readonly UsageEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += this.batchSize) {
      this.writingSince = Date.now();
      let dead: number;
      try {
        dead = await writeIsolatingBadEvents(
          events.slice(i, i + this.batchSize),
          this.opts.write,
          this.opts.classify,
          this.opts.deadLetter,
        );
      } finally {
        this.writingSince = 0;
      }
      if (dead > 0) {
        this.deadLetters += dead;
        metrics().usageDeadLetters.inc(dead);
        this.opts.log.error(
          { events: dead },
          "usage events refused by the database; kept as dead letters",
        );
      }
    }
  }

  private toJournal(events: UsageEvent[]): void {
    if (events.length === 0) return;
    this.opts.journal.append(events);
    this.journalDirty = true;
    metrics().usageJournaled.inc(events.length);
  }

  private markDown(err: unknown): void {
    this.failures++;
    if (this.down) return;
    this.down = true;
    metrics().usageMeterWritable.set(0);
    // One line per outage, not one per attempt.
    this.opts.log.warn(
      { err: (err as Error)?.message, pending: this.pending.length },
      "usage write failed; events go to the journal until the database answers",
    );
  }

  /** Shutdown: waits for events being built, writes what the store takes, journals the rest. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.allSettled([...this.inFlight]);
    await this.flushing;
    await this.flush(true);
    this.closed = true;
    if (this.pending.length > 0) {
      this.toJournal(this.pending.splice(0));
      this.opts.log.warn("usage events journaled at shutdown; they are written at next start");
    }
    this.opts.journal.close();
  }
}
