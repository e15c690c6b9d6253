import type { Logger } from "pino";

interface Entry {
  fields: Record<string, unknown>;
  msg: string;
  /** Occurrences after the first, which was logged when it happened. */
  repeated: number;
}

/** Where records go once maxKeys distinct keys are already being counted in this interval. */
const OVERFLOW_KEY = "\u0000overflow";

/**
 * Collapses repeated identical failures into one line with a count. The first
 * occurrence of a key in an interval is logged at once, so a new failure is never
 * delayed; the rest are counted and summed up in one line when the interval ends.
 * A storm of a million identical failures therefore costs two lines per interval,
 * and at most maxKeys + 1 keys are held, however varied the failures are.
 */
export class CollapsingFailureLog {
  private entries = new Map<string, Entry>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly log: Logger,
    private readonly intervalMs = 10_000,
    private readonly maxKeys = 1000,
  ) {}

  /** `key` names the failure (e.g. provider + class + status); `fields` are metadata only. */
  record(key: string, fields: Record<string, unknown>, msg: string): void {
    let entry = this.entries.get(key);
    if (!entry && this.entries.size >= this.maxKeys) {
      key = OVERFLOW_KEY;
      entry = this.entries.get(key);
      fields = { distinctKeys: this.maxKeys };
      msg = "more distinct failures than the log tracks; the rest are counted together";
    }
    if (entry) {
      entry.repeated++;
      return;
    }
    this.entries.set(key, { fields, msg, repeated: 0 });
    this.log.warn(fields, msg);
    this.startTimer();
  }

  /** Writes the counts of the interval so far and starts a fresh one. */
  flush(): void {
    this.stopTimer();
    const entries = this.entries;
    this.entries = new Map();
    const span = formatSpan(this.intervalMs);
    for (const { fields, msg, repeated } of entries.values()) {
      if (repeated === 0) continue;
      this.log.warn(
        { ...fields, repeated, intervalMs: this.intervalMs },
        `${msg} (repeated ${repeated} times in the last ${span})`,
      );
    }
  }

  /** Flushes and stops the timer; a later record starts a new interval. */
  close(): void {
    this.flush();
  }

  private startTimer(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.intervalMs);
    // Counting failures is no reason to keep a process alive.
    this.timer.unref();
  }

  private stopTimer(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function formatSpan(ms: number): string {
  if (ms % 60_000 === 0 && ms >= 60_000) return `${ms / 60_000}min`;
  if (ms % 1_000 === 0) return `${ms / 1_000}s`;
  return `${ms}ms`;
}
