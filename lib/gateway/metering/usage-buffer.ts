import type { Logger } from "pino";
import { metrics } from "@/lib/observability/metrics";
import { writeIsolatingBadEvents, type DeadLetter, type WriteFailure } from "./isolate-bad-events";
import { JOURNAL_FAILURE_REASONS } from "./journal/journal-failure";
import { usageEvent, type UsageEvent, type UsageSink } from "./usage-event";
import {
  JournalUnwritableError,
  type JournalFailureReason,
  type UsageJournal,
} from "./usage-journal";

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
  /** Milliseconds between write attempts (and journal probes) while a store is unavailable. */
  retryIntervalMs?: number;
  /**
   * A write still unanswered after this many milliseconds counts as a store in trouble:
   * new events go to the journal instead of waiting in memory for its verdict.
   */
  slowWriteMs?: number;
  /**
   * Most rows of refused requests (no upstream call, no money) held in memory while
   * neither store takes writes; past it they are dropped and counted. Billed rows are
   * never dropped: they come only from requests already in flight when admission stopped.
   */
  maxHeldRefusals?: number;
  /** Told once per change of `admitting` (an alert); never throws into the meter. */
  onAdmissionChange?: (change: AdmissionChange) => void;
}

/** The meter starting or stopping to admit metered requests, and why. */
export interface AdmissionChange {
  admitting: boolean;
  /** Why the journal refuses writes; null once the meter admits again. */
  reason: JournalFailureReason | null;
  /** Events held in memory because neither Postgres nor the journal took them. */
  held: number;
}

/** What `/ready` and `/metrics` say about the meter. */
export interface MeterStatus {
  /** False while Postgres refuses usage writes (events then go to the journal). */
  writable: boolean;
  /**
   * False while usage can be written neither to Postgres nor to the journal: new metered
   * requests are refused (503) until one of them takes writes again.
   */
  admitting: boolean;
  /** Why the journal refuses appends (disk_full, read_only, size_cap, io_error); null while it takes them. */
  journalFailure: JournalFailureReason | null;
  /** Events in memory waiting for the next batch. */
  pending: number;
  /** Events in memory that neither store took yet; written as soon as one does. */
  held: number;
  /** Events (possibly) waiting in the local journal. */
  journaled: boolean;
  /** Bytes the journal holds on disk. */
  journalBytes: number;
  /** Events refused for their data since start. */
  deadLetters: number;
}

/**
 * Metering never blocks a response: events are pushed here and written in batches by a
 * timer. Every event is made storable on the way in (`usageEvent`); a batch refused for
 * its data is split until the bad event is alone and dead-lettered.
 *
 * While Postgres is unavailable (or slow), and until the journal's backlog is replayed,
 * each event is appended to the local journal as it arrives; the journal is replayed one
 * chunk at a time (at start, and once Postgres answers) and its segments deleted as they
 * are stored. When the journal refuses too (full disk, read-only, size cap) events are
 * held in memory and written as soon as either store takes them, and `admits()` turns
 * false so that no new metered request is served without a durable meter.
 * `close` (shutdown) writes what it can and journals the rest.
 */
export class UsageBuffer implements UsageSink {
  private pending: UsageEvent[] = [];
  /** Events neither Postgres nor the journal took; kept until one does. */
  private held: UsageEvent[] = [];
  /** How many of `held` are refusals (see `maxHeldRefusals`). */
  private heldRefusals = 0;
  /** Refusal rows dropped since the hold last emptied (logged once when dropping starts). */
  private droppedRefusals = 0;
  private readonly maxHeldRefusals: number;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private down = false;
  private closed = false;
  private lastAttemptAt = 0;
  private failures = 0;
  private deadLetters = 0;
  private journalFailure: JournalFailureReason | null = null;
  private lastProbeAt = 0;
  private admitting = true;
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
    this.maxHeldRefusals = opts.maxHeldRefusals ?? 10_000;
    metrics().usageMeterAdmitting.set(1);
    metrics().usageJournalBytes.set(opts.journal.sizeBytes);
  }

  get depth(): number {
    return this.pending.length;
  }

  status(): MeterStatus {
    return {
      writable: !this.down,
      admitting: this.admits(),
      journalFailure: this.journalFailure,
      pending: this.pending.length,
      held: this.held.length,
      journaled: this.opts.journal.hasUnread(),
      journalBytes: this.opts.journal.sizeBytes,
      deadLetters: this.deadLetters,
    };
  }

  /**
   * Whether a new metered request may be served: false while neither Postgres (down or
   * hanging) nor the journal takes writes. Cheap; asked once per request.
   */
  admits(): boolean {
    const admitting = this.journalFailure === null || (!this.down && !this.writeIsSlow());
    if (admitting !== this.admitting) this.admissionChanged(admitting);
    return admitting;
  }

  /** Starts the batch timer; the first tick replays whatever an earlier run journaled. */
  start(): void {
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
    void this.flush();
  }

  record(event: UsageEvent): void {
    const e = usageEvent(event);
    if (this.journalMode()) {
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

  /** Events go to the journal: Postgres is away or slow, or older events are still on disk. */
  private journalMode(): boolean {
    return this.down || this.closed || this.writeIsSlow() || this.opts.journal.hasUnread();
  }

  private async drain(force: boolean): Promise<void> {
    if (this.down && !force && Date.now() - this.lastAttemptAt < this.retryIntervalMs) return;
    this.lastAttemptAt = Date.now();
    try {
      await this.storeHeld();
      await this.replayJournal();
    } catch (err) {
      this.markDown(err);
      this.probeJournal();
      return;
    }
    // Everything on disk is stored; synchronously from here to the switch, so no
    // event is appended in between.
    if (!this.opts.journal.hasUnread()) this.opts.journal.reset();
    this.markUp();
    while (this.pending.length > 0 && !this.journalMode()) {
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
    // Events recorded while a write hung went to the journal; the next tick replays them.
    this.toJournal(this.journalMode() ? this.pending.splice(0) : []);
    // A journal that refused during an earlier outage is tried again before the next one.
    this.probeJournal();
  }

  /** Writes the events neither store took, oldest first; throws (keeping the rest) when Postgres fails. */
  private async storeHeld(): Promise<void> {
    while (this.held.length > 0) {
      const batch = this.held.slice(0, this.batchSize);
      await this.store(batch);
      this.held.splice(0, batch.length);
      this.heldRefusals -= batch.filter(isRefusal).length;
      metrics().usageHeldEvents.set(this.held.length);
    }
    this.clearHeld();
  }

  /** Streams the journal's backlog into Postgres one chunk at a time; throws when Postgres fails. */
  private async replayJournal(): Promise<void> {
    let replayed = 0;
    let skipped = 0;
    for (;;) {
      const batch = await this.opts.journal.read();
      if (!batch) break;
      await this.store(batch.events.map(usageEvent));
      this.opts.journal.commit(batch.next);
      replayed += batch.events.length;
      skipped += batch.skipped;
      metrics().usageJournalBytes.set(this.opts.journal.sizeBytes);
    }
    if (replayed > 0 || skipped > 0)
      this.opts.log.info({ events: replayed, skippedLines: skipped }, "usage journal replayed");
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
      // Postgres takes writes again: say so now, not once a long backlog is replayed (new
      // events keep going to the journal until it is, so their order is kept).
      this.markUp();
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

  /** Appends to the journal; what it refuses is held in memory and the refusal recorded. */
  private toJournal(events: UsageEvent[]): void {
    if (events.length === 0) return;
    if (this.journalFailure === null) {
      try {
        this.opts.journal.append(events);
        metrics().usageJournaled.inc(events.length);
        metrics().usageJournalBytes.set(this.opts.journal.sizeBytes);
        return;
      } catch (err) {
        this.markJournalFailed(err);
      }
    }
    for (const e of events) this.hold(e);
    metrics().usageHeldEvents.set(this.held.length);
    this.admits();
  }

  /**
   * Keeps one event in memory. While the meter cannot write, new metered requests are
   * refused, but refusals (bad input, limits) are still metered and could grow without
   * bound under a flood; past the cap they are dropped: they carry no tokens and no money.
   */
  private hold(e: UsageEvent): void {
    const refusal = isRefusal(e);
    if (refusal && this.heldRefusals >= this.maxHeldRefusals) {
      if (this.droppedRefusals++ === 0)
        this.opts.log.warn(
          { held: this.held.length, maxHeldRefusals: this.maxHeldRefusals },
          "usage meter unwritable and its hold is full; refused requests' rows are dropped (no money)",
        );
      metrics().usageHeldRefusalsDropped.inc();
      return;
    }
    if (refusal) this.heldRefusals++;
    this.held.push(e);
  }

  /** The hold has been written somewhere durable. */
  private clearHeld(): void {
    this.held = [];
    this.heldRefusals = 0;
    this.droppedRefusals = 0;
    metrics().usageHeldEvents.set(0);
  }

  /** While the journal refuses: every retry interval, does it take writes again? */
  private probeJournal(force = false): void {
    if (this.journalFailure === null) return;
    if (!force && Date.now() - this.lastProbeAt < this.retryIntervalMs) return;
    this.lastProbeAt = Date.now();
    try {
      if (this.held.length > 0) this.opts.journal.append(this.held);
      else this.opts.journal.probe();
    } catch (err) {
      if (err instanceof JournalUnwritableError && err.reason !== this.journalFailure)
        this.setJournalFailure(err.reason);
      return;
    }
    metrics().usageJournaled.inc(this.held.length);
    this.clearHeld();
    this.opts.log.info("usage journal takes writes again");
    this.setJournalFailure(null);
  }

  private markJournalFailed(err: unknown): void {
    const reason = err instanceof JournalUnwritableError ? err.reason : "io_error";
    this.lastProbeAt = Date.now();
    // One line per state change: the journal starts refusing.
    this.opts.log.error(
      { reason, err: (err as Error)?.message, journalBytes: this.opts.journal.sizeBytes },
      "usage journal cannot be written; events are held in memory",
    );
    this.setJournalFailure(reason);
  }

  private setJournalFailure(reason: JournalFailureReason | null): void {
    this.journalFailure = reason;
    const m = metrics();
    for (const r of JOURNAL_FAILURE_REASONS)
      m.usageJournalFailure.set({ reason: r }, r === reason ? 1 : 0);
    this.admits();
  }

  private admissionChanged(admitting: boolean): void {
    this.admitting = admitting;
    metrics().usageMeterAdmitting.set(admitting ? 1 : 0);
    const change: AdmissionChange = {
      admitting,
      reason: admitting ? null : this.journalFailure,
      held: this.held.length,
    };
    if (admitting)
      this.opts.log.warn(change, "usage meter writable again; metered requests admitted");
    else
      this.opts.log.error(
        change,
        "usage meter cannot write to Postgres nor to the journal; metered requests refused",
      );
    try {
      this.opts.onAdmissionChange?.(change);
    } catch {
      // An alert that cannot be raised must not stop the meter.
    }
  }

  private markUp(): void {
    if (!this.down) return;
    this.down = false;
    metrics().usageMeterWritable.set(1);
    this.opts.log.info({ failedAttempts: this.failures }, "usage writes recovered");
    this.failures = 0;
    this.admits();
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
    this.admits();
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
    if (this.held.length > 0) {
      this.probeJournal(true);
      if (this.held.length > 0)
        this.opts.log.error(
          { events: this.held.length, reason: this.journalFailure },
          "usage events lost at shutdown: neither Postgres nor the journal took them",
        );
    }
    this.opts.journal.close();
  }
}

/** A row of a request refused before any upstream call: no tokens, no money to lose. */
function isRefusal(e: UsageEvent): boolean {
  return e.attempts === 0 && e.billedPicos === 0 && e.upstreamCostPicos === 0;
}
