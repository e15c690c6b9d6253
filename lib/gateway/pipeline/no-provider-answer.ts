import { quoteInput } from "@/lib/http/quote-input";
import { ApiError } from "@/lib/errors";

/** One upstream attempt that failed, per credential (the request log's detail). */
export interface Tried {
  provider: string;
  credential: string;
  errorClass: string;
  status?: number;
}

/** One candidate not tried, per credential, and why (a breaker, a capability...). */
export interface Skipped {
  provider: string;
  credential: string;
  reason: string;
}

/** Seconds a 503 asks a client to wait when no breaker has a retry time. */
export const DEFAULT_RETRY_AFTER_S = 30;
const MAX_RETRY_AFTER_S = 60;
/** The request log keeps at most this much of the per-credential trail (characters). */
export const MAX_TRAIL_CHARS = 2_000;

/**
 * `Retry-After` (whole seconds, 1 to 60) from the earliest retry time (epoch ms) of the
 * breakers that kept the candidates out; 30 when none has one (forced open, quarantined,
 * or failures that opened nothing).
 */
export function retryAfterSeconds(retryAts: readonly (number | null)[], now: number): number {
  const known = retryAts.filter((t): t is number => t !== null);
  if (known.length === 0) return DEFAULT_RETRY_AFTER_S;
  const wait = Math.ceil((Math.min(...known) - now) / 1000);
  return Math.min(MAX_RETRY_AFTER_S, Math.max(1, wait));
}

/**
 * The 503 a client gets when every candidate failed or was blocked: each provider tried
 * with its failure classes and each provider skipped with its reasons, once each and
 * without credential labels (those go to the request log, see {@link failoverTrail}),
 * with `Retry-After`.
 */
export function noProviderAvailable(
  model: string,
  tried: readonly Tried[],
  skipped: readonly Skipped[],
  retryAfterS: number,
): ApiError {
  const triedOut = unique(
    tried.map((t) => ({ provider: t.provider, errorClass: t.errorClass, status: t.status })),
  );
  const skippedOut = unique(skipped.map((s) => ({ provider: s.provider, reason: s.reason })));
  const parts = [
    triedOut.length > 0
      ? `tried ${triedOut.map((t) => `${t.provider} (${t.errorClass}${t.status ? ` ${t.status}` : ""})`).join(", ")}`
      : "",
    skippedOut.length > 0
      ? `skipped ${skippedOut.map((s) => `${s.provider} (${s.reason})`).join(", ")}`
      : "",
  ].filter(Boolean);
  const summary = parts.length === 0 ? "no provider is configured for it" : parts.join("; ");
  return new ApiError(
    "no_provider_available",
    `No provider could serve ${quoteInput(model)}: ${summary}.`,
    {
      headers: { "retry-after": String(retryAfterS) },
      details: { providers_tried: triedOut, providers_skipped: skippedOut },
    },
  );
}

/**
 * The per-credential trail of a failed search, one line, for the request log: at most
 * {@link MAX_TRAIL_CHARS} characters, cut with a count of what was left out.
 */
export function failoverTrail(tried: readonly Tried[], skipped: readonly Skipped[]): string | null {
  const items = [
    ...tried.map(
      (t) => `tried ${t.provider}/${t.credential} ${t.errorClass}${t.status ? ` ${t.status}` : ""}`,
    ),
    ...skipped.map((s) => `skipped ${s.provider}/${s.credential} ${s.reason}`),
  ];
  if (items.length === 0) return null;
  let out = "";
  for (let i = 0; i < items.length; i++) {
    const next = out ? `${out}; ${items[i]}` : items[i]!;
    const rest = items.length - i - 1;
    if (next.length > MAX_TRAIL_CHARS - (rest > 0 ? 20 : 0))
      return `${out}; …${items.length - i} more`.slice(0, MAX_TRAIL_CHARS);
    out = next;
  }
  return out;
}

function unique<T extends object>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = JSON.stringify(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
