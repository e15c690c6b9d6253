import type { TokenUsage } from "@/lib/gateway/providers/types";
import type { TokenEstimate } from "@/lib/gateway/router/rank-candidates";
import type { TenantKey } from "@/lib/gateway/keys/tenant-key";

/** Who is asking and how much the request may cost, as known before any upstream call. */
export interface LimitRequest {
  /** The authenticated key, its tenant and plan (ids, per-key and per-tenant limits). */
  key: TenantKey;
  /** The model as the caller named it (already validated). */
  model: string;
  /** Tokens this request is expected to use, input estimated from the body size. */
  estimate: TokenEstimate;
  /** The caller's `max_completion_tokens`/`max_tokens`, or null when it set none. */
  maxOutputTokens?: number | null;
  /** Epoch milliseconds. */
  now: number;
}

/**
 * The limits' answer. `admit` lets the request go on and may carry headers for the
 * response (e.g. `x-ratelimit-remaining-requests`) and a `settle` hook told the real
 * token usage once it is metered (so a token lease taken from the estimate is trued up);
 * `settle` runs exactly once for every admitted request, with zero usage when no
 * upstream was reached. `reject` is returned to the caller as it is: 429 for a limit,
 * quota or budget, 503 when the limits cannot be decided (e.g. their store is away).
 */
export type LimitDecision =
  | {
      admit: true;
      headers?: Record<string, string>;
      settle?: (usage: TokenUsage, billedPicos?: number) => void;
    }
  | {
      admit: false;
      status: 429 | 503;
      code: "rate_limit_exceeded" | "quota_exceeded" | "service_unavailable";
      message: string;
      /** e.g. `retry-after` (seconds) and the `x-ratelimit-*` family. */
      headers: Record<string, string>;
    };

/** Rate limits, quotas and budgets, asked once per request before routing. */
export interface LimitGate {
  check(request: LimitRequest): LimitDecision | Promise<LimitDecision>;
  /** The `x-ratelimit-*` headers of a key as they stand, spending nothing (for answers that use no allowance). */
  peek?(key: TenantKey, now: number): Record<string, string>;
}

/** Admits everything: the gate used until limits are configured. */
export const NO_LIMITS: LimitGate = {
  check: () => ({ admit: true }),
};
