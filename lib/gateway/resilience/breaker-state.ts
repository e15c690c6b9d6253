import type { ErrorClass } from "@/lib/gateway/errors/error-class";

export type BreakerScope = "credential" | "provider";

/** Who a breaker guards; never changes. `version` is the stored version (only a write to Postgres moves it). */
interface BreakerIdentity {
  scopeKey: string;
  scope: BreakerScope;
  scopeId: string;
  providerId: string;
  version: number;
}

/** Fields of an episode: from the first opening until a close. */
interface Episode {
  lastErrorClass: ErrorClass | null;
  /** Times opened in this episode; drives the backoff. */
  failures: number;
  /** Failed probes in this episode; drives escalation to quarantine. */
  probes: number;
  /** Epoch ms of the episode's first opening. */
  openedAt: number;
}

/** Traffic flows; nothing to remember. */
export type ClosedBreaker = BreakerIdentity & { state: "closed" };
/** No traffic until `retryAt` (epoch ms), then one probe; `retryAt: null` = forced open by a person, no probes. */
export type OpenBreaker = BreakerIdentity & Episode & { state: "open"; retryAt: number | null };
/** One probe is out; its answer decides. */
export type HalfOpenBreaker = BreakerIdentity & Episode & { state: "half_open" };
/** Latched: no traffic, no probes, until a person closes it. */
export type QuarantinedBreaker = BreakerIdentity & Episode & { state: "quarantined" };

/** A breaker's durable state: what Postgres keeps and every instance agrees on. */
export type BreakerSnapshot = ClosedBreaker | OpenBreaker | HalfOpenBreaker | QuarantinedBreaker;
export type BreakerStateName = BreakerSnapshot["state"];

export type AlertKind = "breaker_opened" | "breaker_quarantined" | "rate_limit_persistent";

/** One change of state, as stored in the event row (the audit trail and the 401 timeline). */
export interface Transition {
  from: BreakerStateName;
  to: BreakerStateName;
  errorClass: ErrorClass | null;
  reason: string;
  /** The alert this transition raises, if any (at most one per transition). */
  alert?: AlertKind;
}

export function closedSnapshot(
  scopeKey: string,
  scope: BreakerScope,
  scopeId: string,
  providerId: string,
  version = 0,
): ClosedBreaker {
  return { scopeKey, scope, scopeId, providerId, version, state: "closed" };
}

/** The episode fields of any state; a closed breaker has none (zero, null). */
export function episodeOf(s: BreakerSnapshot): {
  lastErrorClass: ErrorClass | null;
  failures: number;
  probes: number;
  openedAt: number | null;
  retryAt: number | null;
} {
  if (s.state === "closed")
    return { lastErrorClass: null, failures: 0, probes: 0, openedAt: null, retryAt: null };
  return {
    lastErrorClass: s.lastErrorClass,
    failures: s.failures,
    probes: s.probes,
    openedAt: s.openedAt,
    retryAt: s.state === "open" ? s.retryAt : null,
  };
}
