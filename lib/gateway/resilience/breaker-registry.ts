import type { UpstreamFailure } from "@/lib/gateway/errors/error-class";
import type { Admission, HealthGate } from "@/lib/gateway/gateway-deps";
import type { Candidate } from "@/lib/gateway/router/rank-candidates";
import type { BreakerConfig } from "./breaker-config";
import {
  closedSnapshot, manualTransition, onCredentialFailure, onCredentialSuccess, onProviderFailure, onProviderSuccess,
  type BreakerSnapshot, type Decision, type Transition,
} from "./breaker-state";
import { OutcomeWindow, RecentEvents } from "./failure-window";

export interface TransitionEvent {
  snapshot: BreakerSnapshot;
  transition: Transition;
  requestId?: string;
  actor: string;
  note?: string;
}

export type AdoptMode = "newer" | "truth" | "replace" | "startup";

export const credentialScopeKey = (credentialId: string) => `credential:${credentialId}`;
export const providerScopeKey = (providerId: string) => `provider:${providerId}`;

/**
 * The one owner of breaker state in a process. The hot path asks `admit` before each
 * upstream attempt and reports the outcome; every state change goes to `onTransition`
 * (which persists it, broadcasts it and alerts). State decided elsewhere — another
 * instance, or a person in the dashboard — arrives through `adopt`.
 */
export class BreakerRegistry implements HealthGate {
  private readonly states = new Map<string, BreakerSnapshot>();
  /** Scope key -> when this process sent its probe; one probe per scope at a time. */
  private readonly probing = new Map<string, number>();
  private readonly transientAuth = new Map<string, RecentEvents>();
  private readonly providerWindows = new Map<string, OutcomeWindow>();

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

  private stateOf(scopeKey: string, scope: "credential" | "provider", scopeId: string, providerId: string): BreakerSnapshot {
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
        if (s.retryAt === null || now < s.retryAt) return "blocked";
        return this.probeSlotFree(s.scopeKey, now) ? "probe" : "blocked";
      case "half_open":
        return this.probeSlotFree(s.scopeKey, now) ? "probe" : "blocked";
      default: {
        const unreachable: never = s.state;
        return unreachable;
      }
    }
  }

  private probeSlotFree(scopeKey: string, now: number): boolean {
    const taken = this.probing.get(scopeKey);
    return taken === undefined || now - taken > this.config.probeTimeoutMs;
  }

  admit(candidate: Candidate, now: number): Admission | null {
    const ps = this.stateOf(providerScopeKey(candidate.provider.id), "provider", candidate.provider.id, candidate.provider.id);
    const cs = this.stateOf(credentialScopeKey(candidate.credential.id), "credential", candidate.credential.id, candidate.provider.id);
    const p = this.gate(ps, now);
    const c = this.gate(cs, now);
    if (p === "blocked" || c === "blocked") return null;
    for (const [s, verdict] of [[ps, p], [cs, c]] as const) {
      if (verdict !== "probe") continue;
      this.probing.set(s.scopeKey, now);
      if (s.state === "open") this.apply(s, { next: { ...s, state: "half_open" }, transition: { from: "open", to: "half_open", errorClass: s.lastErrorClass, reason: "cooldown over; probing" } });
    }
    return { providerProbe: p === "probe", credentialProbe: c === "probe" };
  }

  onSuccess(candidate: Candidate, admission: Admission, requestId: string, now = Date.now()): void {
    this.window(candidate.provider.id).record(true, now);
    this.settle(candidate, admission, requestId, onProviderSuccess, onCredentialSuccess);
  }

  onFailure(candidate: Candidate, admission: Admission, failure: UpstreamFailure, requestId: string, now = Date.now()): void {
    const ctx = { now, config: this.config, random: this.random };
    const ps = this.stateOf(providerScopeKey(candidate.provider.id), "provider", candidate.provider.id, candidate.provider.id);
    const cs = this.stateOf(credentialScopeKey(candidate.credential.id), "credential", candidate.credential.id, candidate.provider.id);
    if (failure.scope === "none") {
      // The upstream read the request and refused it on its merits: key and provider both work.
      this.onSuccess(candidate, admission, requestId, now);
      return;
    }
    if (failure.scope === "provider") {
      const window = this.window(candidate.provider.id);
      window.record(false, now);
      const { ok, failed } = window.totals(now);
      const windowTripped = ok + failed >= this.config.provider.minVolume && failed / (ok + failed) >= this.config.provider.failureRatio;
      this.apply(ps, onProviderFailure(ps, failure, { ...ctx, wasProbe: admission.providerProbe, windowTripped }), requestId);
      if (admission.credentialProbe) this.apply(cs, onCredentialFailure(cs, failure, { ...ctx, wasProbe: true, recentTransientAuth: 0 }), requestId);
    } else {
      const recentTransientAuth = failure.errorClass === "transient_auth" ? this.transient(cs.scopeKey).add(now) : 0;
      this.apply(cs, onCredentialFailure(cs, failure, { ...ctx, wasProbe: admission.credentialProbe, recentTransientAuth }), requestId);
      if (admission.providerProbe) this.apply(ps, onProviderSuccess(ps), requestId);
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
    if (ps && ps.state !== "closed") return `provider ${ps.state}${ps.lastErrorClass ? ` (${ps.lastErrorClass})` : ""}`;
    const cs = this.states.get(credentialScopeKey(candidate.credential.id));
    if (cs && cs.state !== "closed") return `credential ${cs.state}${cs.lastErrorClass ? ` (${cs.lastErrorClass})` : ""}`;
    return "probe in progress";
  }

  /** A person closed or forced open a breaker; returns the new snapshot to persist. */
  manual(scopeKey: string, to: "closed" | "open", actor: string, note: string | undefined, seed: BreakerSnapshot, now = Date.now()): BreakerSnapshot {
    const s = this.states.get(scopeKey) ?? seed;
    const decision = manualTransition(s, to, actor, note, now);
    this.apply(s, decision, undefined, actor, note);
    return this.states.get(scopeKey)!;
  }

  /**
   * State decided elsewhere replaces ours. `newer` (a routine broadcast): only if its
   * stored version is higher. `truth` (what storage said when our own write lost a
   * race): unless we already hold a later stored state, which a broadcast may have
   * brought while that write was under way. `replace` (a person's decision) and
   * `startup` (from storage): always.
   */
  adopt(remote: BreakerSnapshot, mode: AdoptMode = "newer", now = Date.now()): void {
    const local = this.states.get(remote.scopeKey);
    if (local && mode === "newer" && remote.version <= local.version) return;
    if (local && mode === "truth" && remote.version < local.version) return;
    this.states.set(remote.scopeKey, remote);
    // half_open from a live instance means its probe is out: hold our probe slot until
    // its verdict arrives (or probeTimeoutMs, should that instance die). Otherwise every
    // instance would probe the dead key too, and a failed probe here would quarantine it
    // a second time, with a second alert. Not at start-up: a stored half_open may be a
    // crashed instance's, with no probe coming back.
    if (remote.state === "half_open" && mode !== "startup") this.probing.set(remote.scopeKey, now);
    else this.probing.delete(remote.scopeKey);
    if (remote.state === "closed") {
      this.transientAuth.get(remote.scopeKey)?.reset();
      if (remote.scope === "provider") this.providerWindows.get(remote.scopeId)?.reset();
    }
  }

  private settle(candidate: Candidate, admission: Admission, requestId: string, provider: (s: BreakerSnapshot) => Decision, credential: (s: BreakerSnapshot) => Decision): void {
    if (admission.providerProbe) {
      const ps = this.states.get(providerScopeKey(candidate.provider.id));
      if (ps) this.apply(ps, provider(ps), requestId);
    }
    if (admission.credentialProbe) {
      const cs = this.states.get(credentialScopeKey(candidate.credential.id));
      if (cs) this.apply(cs, credential(cs), requestId);
    }
    this.release(admission, candidate);
  }

  private apply(current: BreakerSnapshot, decision: Decision, requestId?: string, actor = "system", note?: string): void {
    if (!decision.transition && decision.next === current) return;
    // The version is the stored one: only a write to Postgres moves it (the service adopts
    // what each write stored),
    // so a broadcast of a newer stored state is never mistaken for an older one.
    const next = { ...decision.next, version: current.version };
    this.states.set(current.scopeKey, next);
    if (next.state === "closed") {
      this.transientAuth.get(current.scopeKey)?.reset();
      // A closed provider breaker starts afresh, as `adopt` already does for a close decided
      // elsewhere: left in the window, the failures that tripped it would reopen it on the
      // first blip after a successful probe (found by tests/resilience/overload.test.ts).
      if (next.scope === "provider") this.providerWindows.get(next.scopeId)?.reset();
    }
    if (decision.transition) this.onTransition({ snapshot: next, transition: decision.transition, requestId, actor, note });
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
