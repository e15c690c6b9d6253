import type { ErrorClass, UpstreamFailure } from "@/lib/gateway/errors/error-class";
import { backoffMs, type BreakerConfig } from "./breaker-config";
import {
  closedSnapshot,
  episodeOf,
  type AlertKind,
  type BreakerSnapshot,
  type OpenBreaker,
  type QuarantinedBreaker,
  type Transition,
} from "./breaker-state";

/** What can happen to a breaker. Randomness comes in the event (`jitter` in [0, 1]), so the move stays pure. */
export type BreakerEvent =
  /** The gate let this scope's half-open probe through (its cooldown is over). */
  | { type: "probe_sent" }
  /**
   * A half-open probe nobody answered (the instance that sent it went away): the timer
   * takes the probe over, storing the same half-open state anew so that one instance,
   * whose conditional write applies, sends the next probe.
   */
  | { type: "probe_retaken" }
  /** An attempt succeeded; `probe`: it was this scope's probe. */
  | { type: "success"; probe: boolean }
  /**
   * An attempt failed. `recentTransientAuth`: transient_auth failures of this credential
   * within the window, this one included; `windowTripped`: the provider's failure ratio
   * over its window crossed the threshold with the minimum volume.
   */
  | {
      type: "failure";
      failure: UpstreamFailure;
      probe: boolean;
      recentTransientAuth: number;
      windowTripped: boolean;
      jitter: number;
    }
  /** A person closes the breaker (quarantine included). */
  | { type: "close"; actor: string; note?: string }
  /** A person forces the breaker open: no probes until someone closes it. */
  | { type: "force_open"; actor: string; note?: string }
  /**
   * A person verified the key with a live request that went around the breaker. Recorded
   * as an event; the state stays, except with `openOnFailure` (a key just added): a closed
   * breaker then opens on the credential class the verification found.
   */
  | {
      type: "verified";
      actor: string;
      note?: string;
      passed: boolean;
      status: number | null;
      failure: UpstreamFailure | null;
      openOnFailure: boolean;
      jitter: number;
    }
  /**
   * Storage's word on this breaker: another instance's decision (or a person's, made
   * there), or the stored state at start-up. Not a new decision, so nothing is persisted,
   * broadcast or alerted; see {@link AdoptMode} for when it replaces ours.
   */
  | { type: "adopt"; remote: BreakerSnapshot; mode: AdoptMode };

/**
 * When a stored state replaces the one in memory. `newer` (a routine broadcast): only
 * if its stored version is higher. `truth` (what storage said when our own write lost a
 * race): unless we already hold a later stored state, which a broadcast may have brought
 * while that write was under way. `replace` (a person's decision) and `startup` (from
 * storage): always.
 */
export type AdoptMode = "newer" | "truth" | "replace" | "startup";

/**
 * What the outside does about a move; nobody outside decides state. `persist` stores the
 * state and the event row (`conditional`: only if storage still holds `from`, so that of
 * several instances seeing the same failure exactly one records it). `log`, `alert` and
 * `broadcast` follow a persist and happen only if that write applied: in a cluster the
 * instance whose write moved the stored state speaks for it, once. `metric` updates the
 * state gauge; `reset_counters` clears the in-memory windows that would trip it again.
 * `probe_elsewhere`: whether another instance's half-open probe is out, so this one
 * holds its own probe slot until that verdict arrives.
 */
export type BreakerEffect =
  | { type: "persist"; conditional: boolean; actor: string; note?: string }
  | { type: "metric" }
  | { type: "log"; level: "info" | "warn" }
  | { type: "alert"; kind: AlertKind }
  | { type: "broadcast"; manual: boolean }
  | { type: "reset_counters" }
  | { type: "probe_elsewhere"; out: boolean };

export interface BreakerMove {
  next: BreakerSnapshot;
  /** Null when nothing changed, or changed in memory only. */
  transition: Transition | null;
  effects: BreakerEffect[];
}

const SYSTEM = "system";

/**
 * The one function that moves a breaker, for both scopes and every failure class
 * (see "Failures, breakers and failover" in the README): pure, `now` in epoch ms. Returns the
 * next state (same stored `version`: only storage moves it) and the effects to carry out.
 */
export function moveBreaker(
  s: BreakerSnapshot,
  event: BreakerEvent,
  now: number,
  config: BreakerConfig,
): BreakerMove {
  switch (event.type) {
    case "probe_sent":
      if (s.state !== "open" || s.retryAt === null || now < s.retryAt) return stay(s);
      return change(
        s,
        {
          ...identity(s),
          state: "half_open",
          lastErrorClass: s.lastErrorClass,
          failures: s.failures,
          probes: s.probes,
          openedAt: s.openedAt,
        },
        { errorClass: s.lastErrorClass, reason: "cooldown over; probing" },
      );
    case "probe_retaken":
      if (s.state !== "half_open") return stay(s);
      return change(
        s,
        { ...s },
        {
          errorClass: s.lastErrorClass,
          reason: "the probe in flight was never answered (its instance went away); probing again",
        },
      );
    case "success":
      return event.probe ? closeAfterProbe(s) : stay(s);
    case "failure":
      if (event.failure.scope === "none") return event.probe ? closeAfterProbe(s) : stay(s);
      return s.scope === "credential"
        ? credentialFailure(s, event, now, config)
        : providerFailure(s, event, now, config);
    case "close":
      return change(
        s,
        closedSnapshot(s.scopeKey, s.scope, s.scopeId, s.providerId, s.version),
        {
          errorClass: null,
          reason: `closed by ${event.actor}${event.note ? `: ${event.note}` : ""}`,
        },
        event,
      );
    case "force_open": {
      const e = episodeOf(s);
      const next: OpenBreaker = {
        ...identity(s),
        state: "open",
        lastErrorClass: e.lastErrorClass,
        failures: e.failures,
        probes: e.probes,
        openedAt: e.openedAt ?? now,
        retryAt: null,
      };
      return change(
        s,
        next,
        {
          errorClass: null,
          reason: `forced open by ${event.actor}${event.note ? `: ${event.note}` : ""}`,
        },
        event,
      );
    }
    case "verified":
      return verified(s, event, now, config);
    case "adopt":
      return adopt(s, event);
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

type Failure = Extract<BreakerEvent, { type: "failure" }>;
type Adopt = Extract<BreakerEvent, { type: "adopt" }>;

function adopt(s: BreakerSnapshot, { remote, mode }: Adopt): BreakerMove {
  if (mode === "newer" && remote.version <= s.version) return stay(s);
  if (mode === "truth" && remote.version < s.version) return stay(s);
  // half_open from a live instance means its probe is out: every instance probing the
  // dead key too would, on failing, quarantine it a second time with a second alert. Not
  // at start-up: a stored half_open may be a crashed instance's, with no probe coming back.
  const effects: BreakerEffect[] = [
    { type: "probe_elsewhere", out: remote.state === "half_open" && mode !== "startup" },
  ];
  if (remote.state === "closed") effects.push({ type: "reset_counters" });
  return { next: remote, transition: null, effects };
}
type Verified = Extract<BreakerEvent, { type: "verified" }>;

function verified(s: BreakerSnapshot, event: Verified, now: number, c: BreakerConfig): BreakerMove {
  const { failure } = event;
  const found = failure ? describe(failure) : `HTTP ${event.status ?? "-"}`;
  const reason = `verified by ${event.actor}: ${event.passed ? "passed" : "failed"} (${found})${event.note ? `: ${event.note}` : ""}`;
  // A person is looking at the answer: nobody is paged, and the actor is theirs, but the
  // write is conditional, since the breaker may have moved on another instance meanwhile.
  const by = { actor: event.actor, note: event.note, conditional: true };
  if (
    !event.passed &&
    event.openOnFailure &&
    failure?.scope === "credential" &&
    s.state === "closed"
  ) {
    const random = () => event.jitter;
    const wait =
      failure.errorClass === "permanent_auth"
        ? c.authProbeDelayMs
        : failure.errorClass === "billing"
          ? (failure.retryAfterMs ?? c.billing.cooldownMs)
          : backoffMs(c.transientAuth.baseCooldownMs, 0, c.transientAuth.maxCooldownMs, random);
    const next: OpenBreaker = {
      ...identity(s),
      state: "open",
      lastErrorClass: failure.errorClass,
      failures: 1,
      probes: 0,
      openedAt: now,
      retryAt: now + wait,
    };
    return change(s, next, { errorClass: failure.errorClass, reason }, by);
  }
  return change(s, s, { errorClass: failure?.errorClass ?? null, reason }, by);
}

function credentialFailure(
  s: BreakerSnapshot,
  event: Failure,
  now: number,
  c: BreakerConfig,
): BreakerMove {
  const { failure, probe } = event;
  // Late answers to requests sent before the breaker opened change nothing; while
  // half-open only the probe's own answer counts (the probe may be another instance's).
  if (s.state === "quarantined" || ((s.state === "open" || s.state === "half_open") && !probe))
    return stay(s);
  const cls = failure.errorClass;
  const what = describe(failure);
  const random = () => event.jitter;
  switch (cls) {
    case "permanent_auth":
      if (probe) return quarantine(s, cls, `confirming probe failed again: ${what}`, now);
      return open(s, cls, now, c.authProbeDelayMs, `key refused: ${what}`, "breaker_opened");
    case "transient_auth": {
      if (probe) {
        const failedProbes = episodeOf(s).probes + 1;
        if (failedProbes >= c.transientAuth.quarantineAfterFailedProbes)
          return quarantine(s, cls, `${failedProbes} probes failed: ${what}`, now);
        const move = open(
          s,
          cls,
          now,
          backoffMs(
            c.transientAuth.baseCooldownMs,
            failedProbes,
            c.transientAuth.maxCooldownMs,
            random,
          ),
          `probe failed: ${what}`,
        );
        (move.next as OpenBreaker).probes = failedProbes;
        return move;
      }
      if (event.recentTransientAuth < c.transientAuth.threshold) return stay(s);
      return open(
        s,
        cls,
        now,
        backoffMs(c.transientAuth.baseCooldownMs, 0, c.transientAuth.maxCooldownMs, random),
        `${event.recentTransientAuth} auth failures within ${c.transientAuth.windowMs} ms: ${what}`,
        "breaker_opened",
      );
    }
    case "billing":
      return open(
        s,
        cls,
        now,
        failure.retryAfterMs ?? c.billing.cooldownMs,
        `billing: ${what}`,
        probe ? undefined : "breaker_opened",
      );
    case "rate_limit": {
      const failures = episodeOf(s).failures;
      const wait =
        failure.retryAfterMs ??
        backoffMs(c.rateLimit.baseCooldownMs, failures, c.rateLimit.maxCooldownMs, random);
      const persistent =
        failures + 1 === c.rateLimit.alertAfterConsecutiveOpens
          ? "rate_limit_persistent"
          : undefined;
      return open(s, cls, now, wait, `rate limited for ${wait} ms: ${what}`, persistent);
    }
    default: {
      // Provider-scoped classes are the provider breaker's business; a credential probe
      // that met one proves nothing about the key, so it may probe again soon. Memory
      // only: nothing to store or announce about the key.
      if (!probe || s.state === "closed") return stay(s);
      return {
        next: { ...s, state: "open", retryAt: now + c.rateLimit.baseCooldownMs },
        transition: null,
        effects: [],
      };
    }
  }
}

function providerFailure(
  s: BreakerSnapshot,
  event: Failure,
  now: number,
  config: BreakerConfig,
): BreakerMove {
  const c = config.provider;
  const { failure } = event;
  const what = `${failure.errorClass}${failure.httpStatus ? ` ${failure.httpStatus}` : ""}`;
  const cooldown = () =>
    failure.retryAfterMs ??
    backoffMs(c.baseCooldownMs, episodeOf(s).failures, c.maxCooldownMs, () => event.jitter);
  if (event.probe && (s.state === "half_open" || s.state === "open"))
    return open(s, failure.errorClass, now, cooldown(), `probe failed: ${what}`);
  if (s.state !== "closed" || !event.windowTripped) return stay(s);
  return open(
    s,
    failure.errorClass,
    now,
    cooldown(),
    `failure ratio over ${c.failureRatio * 100}% within ${c.windowMs} ms: ${what}`,
  );
}

/** Only a probe's success closes: it proves the key (or the provider) works again. */
function closeAfterProbe(s: BreakerSnapshot): BreakerMove {
  if (s.state === "closed" || s.state === "quarantined") return stay(s);
  return change(s, closedSnapshot(s.scopeKey, s.scope, s.scopeId, s.providerId, s.version), {
    errorClass: null,
    reason: "probe succeeded",
  });
}

function open(
  s: BreakerSnapshot,
  errorClass: ErrorClass,
  now: number,
  waitMs: number,
  reason: string,
  alert?: AlertKind,
): BreakerMove {
  const e = episodeOf(s);
  const next: OpenBreaker = {
    ...identity(s),
    state: "open",
    lastErrorClass: errorClass,
    failures: e.failures + 1,
    probes: e.probes,
    openedAt: e.openedAt ?? now,
    retryAt: now + waitMs,
  };
  return change(s, next, { errorClass, reason, alert });
}

function quarantine(
  s: BreakerSnapshot,
  errorClass: ErrorClass,
  reason: string,
  now: number,
): BreakerMove {
  const e = episodeOf(s);
  const next: QuarantinedBreaker = {
    ...identity(s),
    state: "quarantined",
    lastErrorClass: errorClass,
    failures: e.failures,
    probes: e.probes + 1,
    openedAt: e.openedAt ?? now,
  };
  return change(s, next, { errorClass, reason, alert: "breaker_quarantined" });
}

function identity(s: BreakerSnapshot) {
  return {
    scopeKey: s.scopeKey,
    scope: s.scope,
    scopeId: s.scopeId,
    providerId: s.providerId,
    version: s.version,
  };
}

function stay(s: BreakerSnapshot): BreakerMove {
  return { next: s, transition: null, effects: [] };
}

/**
 * A stored transition and everything that follows from it. `by`: a person's decision
 * (always applies, unless `conditional`); without it, the system's (conditional).
 * A record that leaves the state as it was (a verification) is stored but not broadcast.
 */
function change(
  s: BreakerSnapshot,
  next: BreakerSnapshot,
  t: Omit<Transition, "from" | "to">,
  by?: { actor: string; note?: string; conditional?: boolean },
): BreakerMove {
  const transition: Transition = { from: s.state, to: next.state, ...t };
  if (!transition.alert) delete transition.alert;
  const manual = by !== undefined && !by.conditional;
  const effects: BreakerEffect[] = [
    { type: "metric" },
    // A system decision is conditional on storage still holding `from`; a person's always applies.
    {
      type: "persist",
      conditional: by?.conditional ?? !manual,
      actor: by?.actor ?? SYSTEM,
      note: by?.note,
    },
    { type: "log", level: next.state === "open" || next.state === "quarantined" ? "warn" : "info" },
  ];
  if (transition.alert) effects.push({ type: "alert", kind: transition.alert });
  if (manual || next !== s) effects.push({ type: "broadcast", manual });
  if (next.state === "closed") effects.push({ type: "reset_counters" });
  return { next, transition, effects };
}

function describe(f: UpstreamFailure): string {
  return `${f.errorClass}${f.httpStatus ? ` ${f.httpStatus}` : ""}${f.code ? ` ${f.code}` : ""}`;
}
