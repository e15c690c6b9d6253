import type { UpstreamFailure } from "@/lib/gateway/errors/error-class";
import type { Admission, HealthGate } from "@/lib/gateway/gateway-deps";
import type { Candidate } from "@/lib/gateway/router/rank-candidates";
import type { BreakerConfig } from "./breaker-config";
import { closedSnapshot, type BreakerSnapshot, type Transition } from "./breaker-state";
import { OutcomeWindow, RecentEvents } from "./failure-window";
import { moveBreaker, type AdoptMode, type BreakerEffect, type BreakerEvent } from "./move-breaker";

/** A stored transition and the effects moveBreaker asked for, handed to the outside. */
export interface TransitionEvent {
  snapshot: BreakerSnapshot;
  transition: Transition;
  effects: BreakerEffect[];
  requestId?: string;
  actor: string;
  note?: string;
}

export type { AdoptMode } from "./move-breaker";

export const credentialScopeKey = (credentialId: string) => `credential:${credentialId}`;
export const providerScopeKey = (providerId: string) => `provider:${providerId}`;

/**
 * Holds the breakers of a process and feeds them events. The hot path asks `admit`
 * before each upstream attempt and reports the outcome; each becomes an event for
 * `moveBreaker`, the one function that decides state, and every transition it returns
 * goes to `onTransition` with its effects (persist, broadcast, alert...), which the
 * caller carries out. State decided elsewhere (another instance, or a person through
 * it) arrives through `adopt`: storage's word, not a new decision.
 */
export class BreakerRegistry implements HealthGate {
  private readonly states = new Map<string, BreakerSnapshot>();
  /** Scope key -> when this process sent its probe; one probe per scope at a time. */
  private readonly probing = new Map<string, number>();
  private readonly transientAuth = new Map<string, RecentEvents>();
  private readonly providerWindows = new Map<string, OutcomeWindow>();
  private readonly watchers: Array<() => void> = [];

  constructor(
    private readonly config: BreakerConfig,
    private readonly onTransition: (event: TransitionEvent) => void,
    private readonly random: () => number = Math.random,
  ) {}

  snapshot(scopeKey: string): BreakerSnapshot | undefined {
    return this.states.get(scopeKey);
  }

  all(): BreakerSnapshot[] {
    return [...this.states.values()];
  }

  /** Calls `fn` after every change of a breaker held here (the probe timer re-arms on it). */
  watch(fn: () => void): void {
    this.watchers.push(fn);
  }

  /**
   * Open breakers whose retry time has come (`now`, epoch ms) and whose probe slot is
   * free: what the probe timer sends a probe for. Never a quarantined breaker, nor one
   * forced open (`retryAt` null): a person closes those.
   */
  dueForProbe(now: number): BreakerSnapshot[] {
    return this.all().filter(
      (s) =>
        s.state === "open" &&
        s.retryAt !== null &&
        now >= s.retryAt &&
        this.probeSlotFree(s.scopeKey, now),
    );
  }

  /** The earliest retry time (epoch ms) of an open breaker that is not forced open; null when none. */
  nextRetryAt(): number | null {
    let next: number | null = null;
    for (const s of this.states.values())
      if (s.state === "open" && s.retryAt !== null && (next === null || s.retryAt < next))
        next = s.retryAt;
    return next;
  }

  /**
   * What a probe of this scope would move it to (through moveBreaker's `probe_sent`),
   * without applying it: the probe timer claims that state in storage first, and only the
   * instance whose claim applies sends the probe. Null when the scope is not due.
   */
  proposeProbe(
    scopeKey: string,
    now: number,
    /** Take over a half-open probe nobody answered, rather than start one from open. */
    retake = false,
  ): { from: BreakerSnapshot; next: BreakerSnapshot; transition: Transition } | null {
    const s = this.states.get(scopeKey);
    if (!s) return null;
    const event = { type: retake ? "probe_retaken" : "probe_sent" } as const;
    const { next, transition } = moveBreaker(s, event, now, this.config);
    return transition ? { from: s, next, transition } : null;
  }

  /**
   * The latest retry time (epoch ms) among the breakers that block this candidate, null
   * when none of them has one (closed, quarantined, forced open or half-open).
   */
  retryAtFor(candidate: Candidate): number | null {
    let latest: number | null = null;
    for (const key of [
      providerScopeKey(candidate.provider.id),
      credentialScopeKey(candidate.credential.id),
    ]) {
      const s = this.states.get(key);
      if (!s || s.state === "closed") continue;
      if (s.state !== "open" || s.retryAt === null) return null;
      latest = Math.max(latest ?? 0, s.retryAt);
    }
    return latest;
  }

  private stateOf(
    scopeKey: string,
    scope: "credential" | "provider",
    scopeId: string,
    providerId: string,
  ): BreakerSnapshot {
    let s = this.states.get(scopeKey);
    if (!s) {
      s = closedSnapshot(scopeKey, scope, scopeId, providerId);
      this.states.set(scopeKey, s);
    }
    return s;
  }

  /** Whether a scope lets a request through now, and whether that request is its probe. */
  private gate(s: BreakerSnapshot, now: number): "pass" | "probe" | "blocked" {
    switch (s.state) {
      case "closed":
        return "pass";
      case "quarantined":
        return "blocked";
      case "open":
        // The timer probes at retryAt; a client only when it has not within the grace.
        if (s.retryAt === null || now < s.retryAt + this.config.clientProbeGraceMs)
          return "blocked";
        return this.probeSlotFree(s.scopeKey, now) ? "probe" : "blocked";
      case "half_open":
        return this.probeSlotFree(s.scopeKey, now) ? "probe" : "blocked";
      default: {
        const unreachable: never = s;
        return unreachable;
      }
    }
  }

  /** Whether this process has a probe of the scope out now (taken less than the probe timeout ago). */
  probeOutHere(scopeKey: string, now: number): boolean {
    return !this.probeSlotFree(scopeKey, now);
  }

  private probeSlotFree(scopeKey: string, now: number): boolean {
    const taken = this.probing.get(scopeKey);
    return taken === undefined || now - taken > this.config.probeTimeoutMs;
  }

  /**
   * Whether `admit` would let this candidate through at `now`, without taking a probe
   * slot or moving any breaker: what the routing preview asks, so that it and the
   * gateway answer from the same gate.
   */
  wouldAdmit(candidate: Candidate, now: number): boolean {
    return [
      this.states.get(providerScopeKey(candidate.provider.id)),
      this.states.get(credentialScopeKey(candidate.credential.id)),
    ].every((s) => s === undefined || this.gate(s, now) !== "blocked");
  }

  admit(candidate: Candidate, now: number): Admission | null {
    const ps = this.stateOf(
      providerScopeKey(candidate.provider.id),
      "provider",
      candidate.provider.id,
      candidate.provider.id,
    );
    const cs = this.stateOf(
      credentialScopeKey(candidate.credential.id),
      "credential",
      candidate.credential.id,
      candidate.provider.id,
    );
    const p = this.gate(ps, now);
    const c = this.gate(cs, now);
    if (p === "blocked" || c === "blocked") return null;
    for (const [s, verdict] of [
      [ps, p],
      [cs, c],
    ] as const) {
      if (verdict !== "probe") continue;
      this.probing.set(s.scopeKey, now);
      this.dispatch(s, { type: "probe_sent" }, now);
    }
    return { providerProbe: p === "probe", credentialProbe: c === "probe" };
  }

  onSuccess(candidate: Candidate, admission: Admission, requestId: string, now = Date.now()): void {
    this.window(candidate.provider.id).record(true, now);
    // Only a scope whose probe this was can move; a success elsewhere changes nothing.
    if (admission.providerProbe) {
      const ps = this.states.get(providerScopeKey(candidate.provider.id));
      if (ps) this.dispatch(ps, { type: "success", probe: true }, now, requestId);
    }
    if (admission.credentialProbe) {
      const cs = this.states.get(credentialScopeKey(candidate.credential.id));
      if (cs) this.dispatch(cs, { type: "success", probe: true }, now, requestId);
    }
    this.release(admission, candidate);
  }

  onFailure(
    candidate: Candidate,
    admission: Admission,
    failure: UpstreamFailure,
    requestId: string,
    now = Date.now(),
  ): void {
    const ps = this.stateOf(
      providerScopeKey(candidate.provider.id),
      "provider",
      candidate.provider.id,
      candidate.provider.id,
    );
    const cs = this.stateOf(
      credentialScopeKey(candidate.credential.id),
      "credential",
      candidate.credential.id,
      candidate.provider.id,
    );
    if (failure.scope === "none") {
      // The upstream read the request and refused it on its merits: key and provider both work.
      this.onSuccess(candidate, admission, requestId, now);
      return;
    }
    const failed = (
      probe: boolean,
      signals: { recentTransientAuth?: number; windowTripped?: boolean } = {},
    ): BreakerEvent => ({
      type: "failure",
      failure,
      probe,
      recentTransientAuth: signals.recentTransientAuth ?? 0,
      windowTripped: signals.windowTripped ?? false,
      jitter: this.random(),
    });
    if (failure.scope === "provider") {
      const window = this.window(candidate.provider.id);
      window.record(false, now);
      const { ok, failed: failedCount } = window.totals(now);
      const windowTripped =
        ok + failedCount >= this.config.provider.minVolume &&
        failedCount / (ok + failedCount) >= this.config.provider.failureRatio;
      this.dispatch(ps, failed(admission.providerProbe, { windowTripped }), now, requestId);
      if (admission.credentialProbe) this.dispatch(cs, failed(true), now, requestId);
    } else {
      const recentTransientAuth =
        failure.errorClass === "transient_auth" ? this.transient(cs.scopeKey).add(now) : 0;
      this.dispatch(cs, failed(admission.credentialProbe, { recentTransientAuth }), now, requestId);
      // The key failed, but the provider answered: its probe succeeded.
      if (admission.providerProbe)
        this.dispatch(ps, { type: "success", probe: true }, now, requestId);
    }
    this.release(admission, candidate);
  }

  /** The attempt ended without an outcome (client gone): free any probe slot it held. */
  release(admission: Admission, candidate: Candidate): void {
    if (admission.providerProbe) this.probing.delete(providerScopeKey(candidate.provider.id));
    if (admission.credentialProbe) this.probing.delete(credentialScopeKey(candidate.credential.id));
  }

  /** Why a candidate is not being tried, for the caller's error message. */
  blockedReason(candidate: Candidate): string {
    const ps = this.states.get(providerScopeKey(candidate.provider.id));
    if (ps && ps.state !== "closed")
      return `provider ${ps.state}${ps.lastErrorClass ? ` (${ps.lastErrorClass})` : ""}`;
    const cs = this.states.get(credentialScopeKey(candidate.credential.id));
    if (cs && cs.state !== "closed")
      return `credential ${cs.state}${cs.lastErrorClass ? ` (${cs.lastErrorClass})` : ""}`;
    return "probe in progress";
  }

  /** A person closed or forced open a breaker; returns the new snapshot to persist. */
  manual(
    scopeKey: string,
    to: "closed" | "open",
    actor: string,
    note: string | undefined,
    seed: BreakerSnapshot,
    now = Date.now(),
  ): BreakerSnapshot {
    const s = this.states.get(scopeKey) ?? seed;
    this.dispatch(
      s,
      to === "closed" ? { type: "close", actor, note } : { type: "force_open", actor, note },
      now,
    );
    return this.states.get(scopeKey)!;
  }

  /** A person verified a credential with a live request; returns the snapshot after it. */
  verified(
    scopeKey: string,
    outcome: {
      passed: boolean;
      status: number | null;
      failure: UpstreamFailure | null;
      openOnFailure: boolean;
    },
    actor: string,
    note: string | undefined,
    seed: BreakerSnapshot,
    now = Date.now(),
  ): BreakerSnapshot {
    const s = this.states.get(scopeKey) ?? seed;
    this.dispatch(s, { type: "verified", actor, note, ...outcome, jitter: this.random() }, now);
    return this.states.get(scopeKey) ?? s;
  }

  /** State decided elsewhere, through moveBreaker's `adopt` (see {@link AdoptMode}). */
  adopt(remote: BreakerSnapshot, mode: AdoptMode = "newer", now = Date.now()): void {
    const local = this.states.get(remote.scopeKey);
    // Nothing held here yet: any stored version is newer than this placeholder's.
    const current =
      local ?? closedSnapshot(remote.scopeKey, remote.scope, remote.scopeId, remote.providerId, -1);
    this.dispatch(current, { type: "adopt", remote, mode }, now);
  }

  /** Runs one event through moveBreaker and applies what it decided. */
  private dispatch(
    current: BreakerSnapshot,
    event: BreakerEvent,
    now: number,
    requestId?: string,
  ): void {
    const { next, transition, effects } = moveBreaker(current, event, now, this.config);
    if (next === current && !transition) return;
    this.states.set(current.scopeKey, next);
    for (const fn of this.watchers) fn();
    const probeElsewhere = effects.find((e) => e.type === "probe_elsewhere");
    if (probeElsewhere?.out) this.probing.set(current.scopeKey, now);
    else if (probeElsewhere) this.probing.delete(current.scopeKey);
    if (effects.some((e) => e.type === "reset_counters")) {
      this.transientAuth.get(current.scopeKey)?.reset();
      // A closed provider breaker starts afresh, whoever closed it: left in the window, the failures that tripped it would reopen it on the
      // first blip after a successful probe (found by tests/resilience/overload.test.ts).
      if (next.scope === "provider") this.providerWindows.get(next.scopeId)?.reset();
    }
    if (!transition) return;
    const persist = effects.find((e) => e.type === "persist");
    this.onTransition({
      snapshot: next,
      transition,
      effects,
      requestId,
      actor: persist?.actor ?? "system",
      note: persist?.note,
    });
  }

  private window(providerId: string): OutcomeWindow {
    let w = this.providerWindows.get(providerId);
    if (!w) {
      w = new OutcomeWindow(this.config.provider.windowMs);
      this.providerWindows.set(providerId, w);
    }
    return w;
  }

  private transient(scopeKey: string): RecentEvents {
    let r = this.transientAuth.get(scopeKey);
    if (!r) {
      r = new RecentEvents(this.config.transientAuth.windowMs);
      this.transientAuth.set(scopeKey, r);
    }
    return r;
  }
}
