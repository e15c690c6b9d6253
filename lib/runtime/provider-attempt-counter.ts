import { databaseErrorLine } from "@/lib/database/database-error";
import type { Logger } from "pino";
import {
  recordProviderAttempts,
  type ProviderAttemptCount,
} from "@/lib/data/providers/record-provider-attempts";

/**
 * Counts upstream attempts per minute, provider and outcome in memory and adds them to
 * Postgres in one statement per interval, like the auth-failure minutes: never a write
 * per attempt. Bounded: during a database outage at most `maxKeys` minute rows wait, and
 * the oldest are dropped beyond that (these counts feed a chart, not a bill).
 */
export class ProviderAttemptCounter {
  private pending = new Map<string, ProviderAttemptCount>();
  private readonly timer: NodeJS.Timeout;
  private writing: Promise<void> | undefined;
  private dropped = 0;

  constructor(
    private readonly log: Logger,
    intervalMs = 1_000,
    private readonly maxKeys = 10_000,
    private readonly write: (
      rows: ProviderAttemptCount[],
    ) => Promise<void> = recordProviderAttempts,
  ) {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  /** One attempt answered by `providerId` with `outcome` (`ok` or a failure class), at `now` (epoch ms). */
  count(providerId: string, outcome: string, now = Date.now()): void {
    this.add({
      minute: new Date(Math.floor(now / 60_000) * 60_000),
      providerId,
      outcome,
      count: 1,
    });
  }

  /** Writes what is pending; on failure the counts are kept for the next round. */
  flush(): Promise<void> {
    if (this.writing || this.pending.size === 0) return this.writing ?? Promise.resolve();
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.writing = this.write(batch)
      .catch((err: Error) => {
        for (const row of batch) this.add(row);
        this.log.warn(
          { err: databaseErrorLine(err), pending: this.pending.size, dropped: this.dropped },
          "provider attempt counts not written yet",
        );
      })
      .finally(() => {
        this.writing = undefined;
      });
    return this.writing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.writing;
    await this.flush();
  }

  private add(row: ProviderAttemptCount): void {
    const key = `${row.minute.getTime()}|${row.providerId}|${row.outcome}`;
    const had = this.pending.get(key);
    if (had) {
      had.count += row.count;
      return;
    }
    this.pending.set(key, { ...row });
    if (this.pending.size > this.maxKeys) {
      // Maps keep insertion order: the first key is the oldest minute row.
      const oldest = this.pending.keys().next().value!;
      this.pending.delete(oldest);
      this.dropped++;
    }
  }
}
