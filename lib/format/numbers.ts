/**
 * Readable numbers for the dashboard. Money arrives as integer micro-dollars; it is
 * shown in dollars with cents, or with more digits when a tiny amount would read $0.00.
 */
export function formatMicros(micros: number | string | null | undefined, currency = "USD"): string {
  if (micros === null || micros === undefined) return "—";
  const value = Number(micros) / 1_000_000;
  const abs = Math.abs(value);
  const digits = abs === 0 || abs >= 0.01 ? 2 : 6;
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** Token counts: exact below ten thousand, then compact (12.3K, 4.5M). */
export function formatTokens(n: number | string | null | undefined): string {
  if (n === null || n === undefined) return "—";
  const v = Number(n);
  if (Math.abs(v) < 10_000) return new Intl.NumberFormat("en-US").format(v);
  return new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }).format(
    v,
  );
}

export function formatCount(n: number | string | null | undefined): string {
  if (n === null || n === undefined) return "—";
  return new Intl.NumberFormat("en-US").format(Number(n));
}

export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return "—";
  return `${(ratio * 100).toFixed(digits)}%`;
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1000],
];

/** "3 minutes ago", "in 40 seconds"; "just now" within five seconds. */
export function formatRelative(at: Date | string | number, now = Date.now()): string {
  const diff = new Date(at).getTime() - now;
  if (Math.abs(diff) < 5_000) return "just now";
  const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, ms] of UNITS)
    if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
  return rtf.format(Math.round(diff / 1000), "second");
}

/** The exact time, in UTC, for hover titles and print. */
export function formatExact(at: Date | string | number): string {
  return `${new Date(at).toISOString().replace("T", " ").slice(0, 19)} UTC`;
}
