import type { Logger } from "pino";
import {
  recordAuthFailures,
  type AuthFailureInput,
} from "@/lib/data/breakers/record-auth-failures";
import { BatchWriter, BoundedQueue } from "./batch-writer";

/**
 * Queues 401/403 rows for the timeline and writes them in batches off the hot path.
 * Bounded: during a database outage the oldest rows are dropped (the breaker events,
 * which matter more, are written separately).
 */
export class AuthFailureRecorder {
  private readonly queue: BoundedQueue<AuthFailureInput>;
  private readonly writer: BatchWriter<AuthFailureInput>;

  constructor(log: Logger, intervalMs = 500, maxPending = 10_000) {
    this.queue = new BoundedQueue(maxPending);
    this.writer = new BatchWriter(
      this.queue,
      recordAuthFailures,
      log,
      "auth-failure rows",
      intervalMs,
    );
  }

  record(row: AuthFailureInput): void {
    this.queue.push(row);
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }

  close(): Promise<void> {
    return this.writer.close();
  }
}
