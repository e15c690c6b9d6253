/**
 * One token figure as a provider wrote it: absent (undefined or null) is 0, a whole
 * non-negative number is itself, anything else (negative, fractional, not a number) is
 * NaN, so every sum it enters is NaN too and the meter's `normalizeUsage` flags the
 * field as impossible instead of billing a figure that only looks plausible.
 */
export function tokenCount(x: unknown): number {
  if (x === undefined || x === null) return 0;
  return typeof x === "number" && Number.isInteger(x) && x >= 0 ? x : Number.NaN;
}

/** At most this many numeric fields of a provider's usage object are kept for the log. */
const MAX_RAW_FIELDS = 12;

/**
 * The numeric and string fields of a provider's usage object, bounded (12 fields, names of
 * 64 and strings of 32 characters), for the log line that reports an impossible figure.
 * Called only once a figure was found impossible, never on the usual path. Nested objects
 * are left out: the figures read from them are logged alongside.
 */
export function rawUsage(usage: object): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  let kept = 0;
  for (const [name, value] of Object.entries(usage)) {
    if (typeof value !== "number" && typeof value !== "string") continue;
    if (kept++ >= MAX_RAW_FIELDS) break;
    raw[name.slice(0, 64)] = typeof value === "string" ? value.slice(0, 32) : value;
  }
  return raw;
}

/** True when some figure of a reading is NaN (a component was impossible). */
export function hasImpossibleCount(...figures: number[]): boolean {
  return figures.some((n) => Number.isNaN(n));
}
