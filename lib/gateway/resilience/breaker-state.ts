import type { ErrorClass, UpstreamFailure } from "@/lib/gateway/errors/error-class";
import { backoffMs, type BreakerConfig } from "./breaker-config";

export type BreakerStateName = "closed" | "open" | "half_open" | "quarantined";
export type BreakerScope = "credential" | "provider";

/** A breaker's durable state: what Postgres keeps and every instance agrees on. */
export interface BreakerSnapshot {
  scopeKey: string;
  scope: BreakerScope;
  scopeId: string;
  providerId: string;
  state: BreakerStateName;
  lastErrorClass: ErrorClass | null;
  /** Times opened in the current episode; drives the backoff. Reset on close. */
  failures: number;
  /** Failed probes in the current episode; drives escalation to quarantine. */
  probes: number;
  openedAt: number | null;
  /** When the next probe may go (open), or null. */
  retryAt: number | null;
  version: number;
}

export type AlertKind = "breaker_opened" | "breaker_quarantined" | "rate_limit_persistent";

export interface Transition {
  from: BreakerStateName;
  to: BreakerStateName;
  errorClass: ErrorClass | null;
  reason: string;
  alert?: AlertKind;
}

export interface Decision {
  next: BreakerSnapshot;
  transition?: Transition;
}

export function closedSnapshot(scopeKey: string, scope: BreakerScope, scopeId: string, providerId: string): BreakerSnapshot {
  return { scopeKey, scope, scopeId, providerId, state: "closed", lastErrorClass: null, failures: 0, probes: 0, openedAt: null, retryAt: null, version: 0 };
}

interface Ctx {
  now: number;
  config: BreakerConfig;
  random: () => number;
  /** This failure answered the half-open probe. */
  wasProbe: boolean;
}

function open(s: BreakerSnapshot, ctx: Ctx, errorClass: ErrorClass, waitMs: number, reason: string, alert?: AlertKind): Decision {
  const next: BreakerSnapshot = { ...s, state: "open", lastErrorClass: errorClass, failures: s.failures + 1, openedAt: s.state === "closed" ? ctx.now : (s.openedAt ?? ctx.now), retryAt: ctx.now + waitMs };
  return { next, transition: { from: s.state, to: "open", errorClass, reason, alert } };
}

function quarantine(s: BreakerSnapshot, ctx: Ctx, errorClass: ErrorClass, reason: string): Decision {
  const next: BreakerSnapshot = { ...s, state: "quarantined", lastErrorClass: errorClass, probes: s.probes + 1, openedAt: s.openedAt ?? ctx.now, retryAt: null };
  return { next, transition: { from: s.state, to: "quarantined", errorClass, reason, alert: "breaker_quarantined" } };
}

/**
 * A credential-scoped failure (auth, billing, rate limit). `recentTransientAuth` is
 * how many transient_auth failures this credential had in the window, this one included.
 */
export function onCredentialFailure(s: BreakerSnapshot, failure: UpstreamFailure, ctx: Ctx & { recentTransientAuth: number }): Decision {
  const { config: c, now } = ctx;
  // Late answers to requests sent before the breaker opened change nothing; while
  // half-open only the probe's own answer counts (the probe may be another instance's).
  if (s.state === "quarantined" || ((s.state === "open" || s.state === "half_open") && !ctx.wasProbe)) return { next: s };
  const probeFailed = ctx.wasProbe;
  const cls = failure.errorClass;
  const what = `${cls}${failure.httpStatus ? ` ${failure.httpStatus}` : ""}${failure.code ? ` ${failure.code}` : ""}`;
  switch (cls) {
    case "permanent_auth":
      if (probeFailed) return quarantine(s, ctx, cls, `confirming probe failed again: ${what}`);
      return open(s, ctx, cls, c.authProbeDelayMs, `key refused: ${what}`, "breaker_opened");
    case "transient_auth":
      if (probeFailed) {
        if (s.probes + 1 >= c.transientAuth.quarantineAfterFailedProbes) return quarantine(s, ctx, cls, `${s.probes + 1} probes failed: ${what}`);
        const d = open(s, ctx, cls, backoffMs(c.transientAuth.baseCooldownMs, s.probes + 1, c.transientAuth.maxCooldownMs, ctx.random), `probe failed: ${what}`);
        d.next.probes = s.probes + 1;
        return d;
      }
      if (ctx.recentTransientAuth < c.transientAuth.threshold) return { next: s };
      return open(s, ctx, cls, backoffMs(c.transientAuth.baseCooldownMs, 0, c.transientAuth.maxCooldownMs, ctx.random), `${ctx.recentTransientAuth} auth failures within ${c.transientAuth.windowMs} ms: ${what}`, "breaker_opened");
    case "billing":
      return open(s, ctx, cls, failure.retryAfterMs ?? c.billing.cooldownMs, `billing: ${what}`, probeFailed ? undefined : "breaker_opened");
    case "rate_limit": {
      const wait = failure.retryAfterMs ?? backoffMs(c.rateLimit.baseCooldownMs, s.failures, c.rateLimit.maxCooldownMs, ctx.random);
      const persistent = s.failures + 1 === c.rateLimit.alertAfterConsecutiveOpens ? "rate_limit_persistent" : undefined;
      return open(s, ctx, cls, wait, `rate limited for ${wait} ms: ${what}`, persistent);
    }
    default:
      // Provider-scoped classes are the provider breaker's business; a credential probe
      // that met one proves nothing about the key, so it may probe again soon.
      if (probeFailed) return { next: { ...s, state: "open", retryAt: now + c.rateLimit.baseCooldownMs } };
      return { next: s };
  }
}

export function onCredentialSuccess(s: BreakerSnapshot): Decision {
  if (s.state === "closed" || s.state === "quarantined") return { next: s };
  // Only a probe (or a late success of a request sent before opening) gets here; both prove the key works.
  const next: BreakerSnapshot = { ...s, state: "closed", failures: 0, probes: 0, openedAt: null, retryAt: null };
  return { next, transition: { from: s.state, to: "closed", errorClass: null, reason: "probe succeeded" } };
}

/** A provider-scoped failure; `windowTripped` says the failure ratio over the window crossed the threshold. */
export function onProviderFailure(s: BreakerSnapshot, failure: UpstreamFailure, ctx: Ctx & { windowTripped: boolean }): Decision {
  const c = ctx.config.provider;
  const what = `${failure.errorClass}${failure.httpStatus ? ` ${failure.httpStatus}` : ""}`;
  if (ctx.wasProbe && (s.state === "half_open" || s.state === "open")) {
    return open(s, ctx, failure.errorClass, failure.retryAfterMs ?? backoffMs(c.baseCooldownMs, s.failures, c.maxCooldownMs, ctx.random), `probe failed: ${what}`);
  }
  if (s.state !== "closed" || !ctx.windowTripped) return { next: s };
  return open(s, ctx, failure.errorClass, failure.retryAfterMs ?? backoffMs(c.baseCooldownMs, s.failures, c.maxCooldownMs, ctx.random), `failure ratio over ${c.failureRatio * 100}% within ${c.windowMs} ms: ${what}`);
}

export const onProviderSuccess = onCredentialSuccess;

/** A person's decision: close (clears even quarantine) or force open until closed. */
export function manualTransition(s: BreakerSnapshot, to: "closed" | "open", actor: string, note: string | undefined, now: number): Decision {
  const next: BreakerSnapshot =
    to === "closed"
      ? { ...s, state: "closed", failures: 0, probes: 0, openedAt: null, retryAt: null }
      : // No retryAt: a forced-open breaker sends no probes until a person closes it.
        { ...s, state: "open", openedAt: s.openedAt ?? now, retryAt: null };
  return { next, transition: { from: s.state, to, errorClass: null, reason: `${to === "closed" ? "closed" : "forced open"} by ${actor}${note ? `: ${note}` : ""}` } };
}
