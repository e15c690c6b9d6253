import type { Logger } from "pino";
import { databaseErrorLine } from "@/lib/database/database-error";

/**
 * What a batch writer holds between writes. The store bounds itself (dropping its oldest
 * rows and counting them) so a long database outage costs bounded memory.
 */
export interface PendingRows<Row> {
  readonly size: number;
  /** Rows dropped to stay within the bound, since start. */
  readonly dropped: number;
  /** Every pending row, leaving the store empty. */
  take(): Row[];
  /** Rows whose write failed, kept for the next round as far as the bound allows. */
  putBack(rows: Row[]): void;
}

/**
 * Writes pending rows off the hot path: one write per interval (ms) while rows wait, at
 * most one write in flight, and a failed write's rows kept for the next round. For counts
 * that feed a page or a chart, never a bill: the meter has its own journal.
 */
export class BatchWriter<Row> {
  private readonly timer: NodeJS.Timeout;
  private writing: Promise<void> | undefined;

  /**
   * @param what names the rows in the warning logged while writes fail
   * @param write one statement for a batch; a rejection keeps the batch pending
   */
  constructor(
    private readonly pending: PendingRows<Row>,
    private readonly write: (rows: Row[]) => Promise<void>,
    private readonly log: Logger,
    private readonly what: string,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  /** Writes what is pending; resolves when that write (or the one in flight) is done. Never rejects. */
  flush(): Promise<void> {
    if (this.writing || this.pending.size === 0) return this.writing ?? Promise.resolve();
    const batch = this.pending.take();
    this.writing = this.write(batch)
      .catch((err: Error) => {
        this.pending.putBack(batch);
        this.log.warn(
          {
            err: databaseErrorLine(err),
            pending: this.pending.size,
            dropped: this.pending.dropped,
          },
          `${this.what} not written yet`,
        );
      })
      .finally(() => {
        this.writing = undefined;
      });
    return this.writing;
  }

  /** Stops the timer and writes what is left (one try). */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.writing;
    await this.flush();
  }
}

/** Rows in arrival order, at most `max`: the oldest go first. */
export class BoundedQueue<Row> implements PendingRows<Row> {
  private rows: Row[] = [];
  dropped = 0;

  constructor(private readonly max: number) {}

  get size(): number {
    return this.rows.length;
  }

  push(row: Row): void {
    this.rows.push(row);
    if (this.rows.length > this.max) {
      this.rows.shift();
      this.dropped++;
    }
  }

  take(): Row[] {
    return this.rows.splice(0);
  }

  putBack(rows: Row[]): void {
    // The failed batch is older than anything queued since; what does not fit is its oldest.
    const room = Math.max(0, this.max - this.rows.length);
    this.dropped += Math.max(0, rows.length - room);
    this.rows.unshift(...rows.slice(rows.length - room));
  }
}
