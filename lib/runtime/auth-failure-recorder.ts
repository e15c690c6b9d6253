import { databaseErrorLine } from "@/lib/database/database-error";
import type { Logger } from "pino";
import {
  recordAuthFailures,
  type AuthFailureInput,
} from "@/lib/data/breakers/record-auth-failures";

/**
 * Queues 401/403 rows for the timeline and writes them in batches off the hot path.
 * Bounded: during a database outage the oldest rows are dropped (the breaker events,
 * which matter more, are written separately).
 */
export class AuthFailureRecorder {
  private pending: AuthFailureInput[] = [];
  private readonly timer: NodeJS.Timeout;
  private writing: Promise<void> | undefined;
  private dropped = 0;

  constructor(
    private readonly log: Logger,
    intervalMs = 500,
    private readonly maxPending = 10_000,
  ) {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  record(row: AuthFailureInput): void {
    this.pending.push(row);
    if (this.pending.length > this.maxPending) {
      this.pending.shift();
      this.dropped++;
    }
  }

  flush(): Promise<void> {
    if (this.writing || this.pending.length === 0) return this.writing ?? Promise.resolve();
    const batch = this.pending.splice(0);
    this.writing = recordAuthFailures(batch)
      .catch((err: Error) => {
        this.pending.unshift(...batch.slice(0, this.maxPending - this.pending.length));
        this.log.warn(
          { err: databaseErrorLine(err), pending: this.pending.length, dropped: this.dropped },
          "auth-failure rows not written yet",
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
}
