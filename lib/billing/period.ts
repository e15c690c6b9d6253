/**
 * Billing periods are calendar months in UTC, named `YYYY-MM`. A period is the
 * half-open interval [start, end): a request at 23:59:59.999 on the last day belongs
 * to it, one at 00:00:00.000 on the first of the next month does not.
 */
export interface Period {
  /** `YYYY-MM`. */
  name: string;
  /** Epoch ms of the first instant, inclusive. */
  start: number;
  /** Epoch ms of the next month's first instant, exclusive. */
  end: number;
}

const PERIOD_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Parses `YYYY-MM`; throws RangeError on anything else. */
export function parsePeriod(name: string): Period {
  const m = PERIOD_RE.exec(name);
  if (!m) throw new RangeError(`Invalid period '${name}': expected YYYY-MM.`);
  const year = Number(m[1]);
  const month = Number(m[2]) - 1;
  return { name, start: Date.UTC(year, month, 1), end: Date.UTC(year, month + 1, 1) };
}

/** The period containing the instant `at` (epoch ms). */
export function periodOf(at: number): Period {
  const d = new Date(at);
  return parsePeriod(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`);
}

/** The period right before `period`. */
export function previousPeriod(period: Period): Period {
  return periodOf(period.start - 1);
}
