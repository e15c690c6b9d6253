/**
 * Billing and limits tunables (environment), read once.
 *
 * - GATEWAY_MIN_MARGIN_BPS: minimum margin over upstream cost, basis points (default 1000 = 10%)
 * - GATEWAY_LIMIT_LEASE_FRACTION: share of a limit one lease takes (default 0.1)
 * - GATEWAY_DEFAULT_MAX_TOKENS: output tokens reserved when a request sets none (default 1024)
 * - GATEWAY_USAGE_RETENTION_DAYS: raw usage rows kept (default 400; at least 62; rollups are kept)
 * - GATEWAY_INVOICE_GRACE_HOURS: hours past a month's end before its invoices issue themselves (default 24)
 */
export interface BillingSettings {
  minMarginBps: number;
  leaseFraction: number;
  defaultMaxTokens: number;
  usageRetentionDays: number;
  invoiceGraceHours: number;
}

function numberFrom(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`Invalid environment: ${name}: expected a number from ${min} to ${max}`);
  return n;
}

let cached: BillingSettings | undefined;
export function billingSettings(): BillingSettings {
  cached ??= {
    minMarginBps: Math.round(numberFrom("GATEWAY_MIN_MARGIN_BPS", 1000, 0, 100_000)),
    leaseFraction: numberFrom("GATEWAY_LIMIT_LEASE_FRACTION", 0.1, 0.001, 1),
    defaultMaxTokens: Math.round(numberFrom("GATEWAY_DEFAULT_MAX_TOKENS", 1024, 1, 10_000_000)),
    usageRetentionDays: Math.round(numberFrom("GATEWAY_USAGE_RETENTION_DAYS", 400, 62, 100_000)),
    invoiceGraceHours: numberFrom("GATEWAY_INVOICE_GRACE_HOURS", 24, 0, 24 * 60),
  };
  return cached;
}
