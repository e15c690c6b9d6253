/**
 * Limit windows, UTC. A request counts in the window it started in: the minute for
 * requests and tokens per minute, the calendar month for monthly tokens and budgets.
 */
export type WindowKind = "minute" | "month";

export interface LimitWindow {
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, exclusive. */
  end: number;
}

export function windowAt(kind: WindowKind, now: number): LimitWindow {
  if (kind === "minute") {
    const start = now - (now % 60_000);
    return { start, end: start + 60_000 };
  }
  const d = new Date(now);
  return {
    start: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1),
    end: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1),
  };
}

/** Whole seconds until `end`, at least 1: the value of a `Retry-After` header. */
export function retryAfterSeconds(end: number, now: number): number {
  return Math.max(1, Math.ceil((end - now) / 1000));
}

/** A duration the way OpenAI writes `x-ratelimit-reset-*`: `1s`, `6m0s`, `250ms`, `2h3m4s`. */
export function openAIDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.ceil(ms))}ms`;
  let s = Math.ceil(ms / 1000);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}
