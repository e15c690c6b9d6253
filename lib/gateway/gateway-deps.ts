import type { Logger } from "pino";
import type { Catalog } from "@/lib/gateway/catalog";
import type { UpstreamFailure } from "@/lib/gateway/errors/error-class";
import type { LimitGate } from "@/lib/gateway/limits/limit-gate";
import type { UsageFlawLog } from "@/lib/gateway/metering/request-meter";
import type { UsageSink } from "@/lib/gateway/metering/usage-event";
import type { ProviderKind } from "@/lib/gateway/providers/registry";
import type { ProviderAdapter } from "@/lib/gateway/providers/types";
import type { Candidate } from "@/lib/gateway/router/rank-candidates";
import type { UpstreamClient } from "@/lib/gateway/upstream/upstream-client";
import type { TenantKey } from "@/lib/gateway/keys/tenant-key";

/** What a breaker granted one attempt: a normal pass, or the half-open probe of a scope. */
export interface Admission {
  providerProbe: boolean;
  credentialProbe: boolean;
}

/**
 * What the breakers tell the router and learn from each attempt. `admit` is asked just
 * before an attempt (so a probe slot is taken only by a request that really goes);
 * every admitted attempt ends in exactly one of onSuccess, onFailure or release.
 */
export interface HealthGate {
  admit(candidate: Candidate, now: number): Admission | null;
  onSuccess(candidate: Candidate, admission: Admission, requestId: string): void;
  onFailure(
    candidate: Candidate,
    admission: Admission,
    failure: UpstreamFailure,
    requestId: string,
  ): void;
  release(admission: Admission, candidate: Candidate): void;
  blockedReason(candidate: Candidate): string;
  /** When the breakers blocking this candidate retry (epoch ms); null when none of them has a time. */
  retryAt?(candidate: Candidate): number | null;
}

export interface GatewayDeps {
  authenticate(rawKey: string | undefined): Promise<TenantKey>;
  catalog(): Catalog;
  /** Every provider kind has one (see providers/adapters.ts). */
  adapters: Record<ProviderKind, ProviderAdapter>;
  upstream: UpstreamClient;
  meter: UsageSink;
  /** Rate limits, quotas and budgets, asked before routing; admits everything when absent. */
  limits?: LimitGate;
  health: HealthGate;
  /** Minimum margin over upstream cost a request is billed at, basis points (default 0). */
  minMarginBps?: number;
  /** Output tokens a request without `max_tokens` may use: part of its usage ceiling. */
  defaultMaxTokens?: number;
  /** Collapses impossible upstream usage figures into one line per deployment with a count. */
  usageFlawLog?: UsageFlawLog;
  log: Logger;
  /** How long the search for a provider may take, failovers included. */
  deadlineMs: number;
  /** Told when every candidate for a model failed or was blocked (it alerts, deduplicated). */
  onNoProvider?: (model: string, summary: string) => void;
  /**
   * Told of every upstream attempt's outcome (`ok` or its failure class), against the
   * provider that answered it: the overview counts these per minute. Must not block.
   */
  onAttempt?: (providerId: string, outcome: "ok" | UpstreamFailure["errorClass"]) => void;
  /** Extra response headers, e.g. a label when serving from the simulator. */
  extraHeaders?: Record<string, string>;
}
