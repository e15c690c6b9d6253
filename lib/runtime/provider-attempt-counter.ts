import type { Logger } from "pino";
import {
  recordProviderAttempts,
  type ProviderAttemptCount,
} from "@/lib/data/providers/record-provider-attempts";
import { BatchWriter, type PendingRows } from "./batch-writer";

/** Counts summed per minute, provider and outcome; at most `max` rows, the oldest minute dropped first. */
class MinuteCounts implements PendingRows<ProviderAttemptCount> {
  private rows = new Map<string, ProviderAttemptCount>();
  dropped = 0;

  constructor(private readonly max: number) {}

  get size(): number {
    return this.rows.size;
  }

  add(row: ProviderAttemptCount): void {
    const key = `${row.minute.getTime()}|${row.providerId}|${row.outcome}`;
    const had = this.rows.get(key);
    if (had) {
      had.count += row.count;
      return;
    }
    this.rows.set(key, { ...row });
    if (this.rows.size > this.max) {
      // Maps keep insertion order: the first key is the oldest minute row.
      this.rows.delete(this.rows.keys().next().value!);
      this.dropped++;
    }
  }

  take(): ProviderAttemptCount[] {
    const rows = [...this.rows.values()];
    this.rows = new Map();
    return rows;
  }

  putBack(rows: ProviderAttemptCount[]): void {
    // The failed batch goes in ahead of what arrived meanwhile, so the first key stays the
    // oldest minute and a full store drops the oldest counts, not the newest.
    const waiting = this.rows;
    this.rows = new Map();
    for (const row of rows) this.add(row);
    for (const row of waiting.values()) this.add(row);
  }
}

/**
 * Counts upstream attempts per minute, provider and outcome in memory and adds them to
 * Postgres in one statement per interval, like the auth-failure minutes: never a write
 * per attempt. Bounded: during a database outage at most `maxKeys` minute rows wait, and
 * the oldest are dropped beyond that (these counts feed a chart, not a bill).
 */
export class ProviderAttemptCounter {
  private readonly counts: MinuteCounts;
  private readonly writer: BatchWriter<ProviderAttemptCount>;

  constructor(
    log: Logger,
    intervalMs = 1_000,
    maxKeys = 10_000,
    write: (rows: ProviderAttemptCount[]) => Promise<void> = recordProviderAttempts,
  ) {
    this.counts = new MinuteCounts(maxKeys);
    this.writer = new BatchWriter(this.counts, write, log, "provider attempt counts", intervalMs);
  }

  /** One attempt answered by `providerId` with `outcome` (`ok` or a failure class), at `now` (epoch ms). */
  count(providerId: string, outcome: string, now = Date.now()): void {
    this.counts.add({
      minute: new Date(Math.floor(now / 60_000) * 60_000),
      providerId,
      outcome,
      count: 1,
    });
  }

  /** Writes what is pending; on failure the counts are kept for the next round. */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  close(): Promise<void> {
    return this.writer.close();
  }
}
