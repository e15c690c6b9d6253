import type { Logger } from "pino";
import { loadBreakerStates } from "@/lib/data/breakers/load-breaker-states";
import { saveBreakerTransition } from "@/lib/data/breakers/save-breaker-transition";
import type { UpstreamFailure } from "@/lib/gateway/errors/error-class";
import type { Admission, HealthGate } from "@/lib/gateway/gateway-deps";
import type { BreakerConfig } from "@/lib/gateway/resilience/breaker-config";
import {
  BreakerRegistry,
  type AdoptMode,
  type TransitionEvent,
} from "@/lib/gateway/resilience/breaker-registry";
import {
  closedSnapshot,
  type AlertKind,
  type BreakerSnapshot,
} from "@/lib/gateway/resilience/breaker-state";
import type { Candidate } from "@/lib/gateway/router/rank-candidates";
import type { CollapsingFailureLog } from "@/lib/observability/failure-log";
import { metrics } from "@/lib/observability/metrics";
import { AuthFailureRecorder } from "./auth-failure-recorder";
import { ProviderDownWatch, type ProviderDownChange } from "./provider-down-watch";
import { publishClusterEvent } from "@/lib/cluster/cluster-events";

const STATE_VALUE = { closed: 0, half_open: 1, open: 2, quarantined: 3 } as const;

export interface BreakerAlert {
  event: TransitionEvent;
  kind: AlertKind;
  /** The key's `label (…last4)`, or the provider id for a provider breaker; never an internal id. */
  candidateLabel: string;
}

/** What the service needs from the rest of the process: where alerts go, how keys are named. */
export interface BreakerHooks {
  alert(a: BreakerAlert): void;
  /** A provider went down or came back by the shared rule; told by the instance whose write caused it. */
  providerChange(change: ProviderDownChange): void;
  /**
   * The provider's configured credentials from the live catalogue, each named
   * `label (…last4)`: logs and alerts never name a key by its internal id.
   */
  credentialsOf(providerId: string): readonly { id: string; label: string }[];
}

/**
 * Wires the breaker registry to the outside: transitions are persisted (state + event
 * row) in order, broadcast by NOTIFY, counted in metrics, logged once each, and
 * alerted when the policy says so; 401/403s become timeline rows.
 */
export class BreakerService implements HealthGate {
  readonly registry: BreakerRegistry;
  private readonly authFailures: AuthFailureRecorder;
  private writes: Promise<void> = Promise.resolve();
  /** Transitions per scope decided here and not yet written. */
  private readonly pending = new Map<string, number>();
  /** The state value last written to the gauge per scope: a change stamps the time. */
  private readonly measured = new Map<string, number>();
  private readonly downWatch = new ProviderDownWatch();
  /** Half-open scopes: the stored version and when this process first saw it (epoch ms). */
  private readonly halfOpenSince = new Map<string, { version: number; at: number }>();
  private readonly probeTimeoutMs: number;

  constructor(
    config: BreakerConfig,
    private readonly log: Logger,
    private readonly failureLog: CollapsingFailureLog,
    private readonly hooks: BreakerHooks,
  ) {
    this.registry = new BreakerRegistry(config, (event) => this.onTransition(event));
    this.probeTimeoutMs = config.probeTimeoutMs;
    this.authFailures = new AuthFailureRecorder(log);
  }

  /** Loads every stored breaker: at start (taking them as they are) and after a reconnect (newer ones only). */
  async load(mode: "startup" | "newer"): Promise<void> {
    const stored = await loadBreakerStates();
    for (const s of stored) this.adoptAndMeasure(s, mode);
    // What was already down before this process (or this reconnect) is known, not news.
    for (const providerId of new Set(stored.map((s) => s.providerId)))
      this.checkProvider(providerId, false);
  }

  admit(candidate: Candidate, now: number): Admission | null {
    return this.registry.admit(candidate, now);
  }

  onSuccess(candidate: Candidate, admission: Admission, requestId: string): void {
    this.registry.onSuccess(candidate, admission, requestId);
  }

  onFailure(
    candidate: Candidate,
    admission: Admission,
    failure: UpstreamFailure,
    requestId: string,
  ): void {
    // A storm of identical failures is one line and a count per interval, never a line each.
    this.failureLog.record(
      `${candidate.credential.id}:${failure.errorClass}:${failure.httpStatus ?? "-"}:${failure.code ?? "-"}`,
      {
        provider: candidate.provider.id,
        credential: candidate.credential.label,
        errorClass: failure.errorClass,
        status: failure.httpStatus,
        code: failure.code,
        message: failure.message,
      },
      "upstream attempt failed",
    );
    if (
      failure.httpStatus === 401 ||
      failure.httpStatus === 403 ||
      failure.errorClass === "permanent_auth" ||
      failure.errorClass === "transient_auth"
    ) {
      this.authFailures.record({
        credentialId: candidate.credential.id,
        providerId: candidate.provider.id,
        httpStatus: failure.httpStatus ?? 0,
        errorClass: failure.errorClass,
        code: failure.code ?? null,
        message: failure.message ?? null,
        requestId,
        createdAt: new Date(),
      });
    }
    this.registry.onFailure(candidate, admission, failure, requestId);
  }

  release(admission: Admission, candidate: Candidate): void {
    this.registry.release(admission, candidate);
  }

  blockedReason(candidate: Candidate): string {
    return this.registry.blockedReason(candidate);
  }

  retryAt(candidate: Candidate): number | null {
    return this.registry.retryAtFor(candidate);
  }

  /** A person's close or force-open; persisted, broadcast, and applied here at once. */
  async setManually(
    seed: {
      scopeKey: string;
      scope: "credential" | "provider";
      scopeId: string;
      providerId: string;
    },
    to: "closed" | "open",
    actor: string,
    note?: string,
  ): Promise<BreakerSnapshot> {
    const [stored] = await loadBreakerStates({ scopeKeys: [seed.scopeKey] });
    if (stored) this.registry.adopt(stored, "replace");
    const snapshot = this.registry.manual(
      seed.scopeKey,
      to,
      actor,
      note,
      stored ?? closedSnapshot(seed.scopeKey, seed.scope, seed.scopeId, seed.providerId),
    );
    // Stored and broadcast (the move's own effects) before the person hears it is done.
    await this.writes;
    return snapshot;
  }

  /**
   * A person verified a credential (see lib/gateway/verify-credential.ts): recorded as a
   * breaker event through the same move as everything else, and stored before returning.
   */
  async recordVerification(
    seed: {
      scopeKey: string;
      scope: "credential" | "provider";
      scopeId: string;
      providerId: string;
    },
    outcome: {
      passed: boolean;
      status: number | null;
      failure: UpstreamFailure | null;
      openOnFailure: boolean;
    },
    actor: string,
    note?: string,
  ): Promise<BreakerSnapshot> {
    const [stored] = await loadBreakerStates({ scopeKeys: [seed.scopeKey] });
    if (stored) this.adoptAndMeasure(stored, "newer");
    const snapshot = this.registry.verified(
      seed.scopeKey,
      outcome,
      actor,
      note,
      stored ?? closedSnapshot(seed.scopeKey, seed.scope, seed.scopeId, seed.providerId),
    );
    await this.writes;
    return this.registry.snapshot(seed.scopeKey) ?? snapshot;
  }

  /**
   * Claims the probe of an open breaker whose retry time has come, for the whole cluster:
   * the move to half-open (moveBreaker's `probe_sent`) is stored only if the stored version
   * is still the one held here, so of several instances whose timers fire together exactly
   * one wins. The winner holds the probe slot, broadcasts, and alone sends the probe;
   * every other instance adopts what storage says. `now`: epoch ms.
   * @returns true when this instance won and must send the probe.
   * @throws when Postgres cannot be reached (nothing was claimed).
   */
  async claimProbe(scopeKey: string, now: number, retake = false): Promise<boolean> {
    // Our own writes for this scope are still queued: memory is ahead of storage.
    if (this.pending.has(scopeKey)) return false;
    const proposal = this.registry.proposeProbe(scopeKey, now, retake);
    if (!proposal) return false;
    const saved = await saveBreakerTransition({
      snapshot: proposal.next,
      transition: retake
        ? proposal.transition
        : { ...proposal.transition, reason: "retry time reached; the gateway probes" },
      actor: "system",
      conditional: true,
      expectVersion: proposal.from.version,
    });
    this.adoptAndMeasure(saved.stored, "truth");
    if (!saved.applied) return false;
    this.log.info(
      {
        scope: scopeKey,
        from: proposal.transition.from,
        to: proposal.transition.to,
        errorClass: proposal.transition.errorClass,
      },
      "breaker probe claimed",
    );
    await publishClusterEvent({ type: "breaker_changed", scopeKey, manual: false });
    return true;
  }

  /**
   * Half-open breakers whose probe nobody answered: this process learned of the half-open
   * state more than the probe timeout (plus a second) ago, by the same stored version, and
   * has no probe of its own out. Left behind by an instance that died mid-probe; the
   * timer takes them over (`claimProbe(scopeKey, now, true)`) so recovery waits for no
   * client. `now`: epoch ms.
   */
  lostProbes(now: number): string[] {
    const lost: string[] = [];
    for (const [scopeKey, seen] of this.halfOpenSince) {
      if (now - seen.at <= this.probeTimeoutMs + 1_000) continue;
      if (this.pending.has(scopeKey) || this.registry.probeOutHere(scopeKey, now)) continue;
      lost.push(scopeKey);
    }
    return lost;
  }

  /** Another instance (or a person through it) changed a breaker. */
  async onRemoteChange(scopeKey: string, manual: boolean): Promise<void> {
    // Our own queued writes will read storage last and settle our state from it.
    if (!manual && this.pending.has(scopeKey)) return;
    const [stored] = await loadBreakerStates({ scopeKeys: [scopeKey] });
    if (!stored) return;
    this.adoptAndMeasure(stored, manual ? "replace" : "newer");
    // Learned, not told: the instance that wrote it raised the alert.
    this.checkProvider(stored.providerId, false);
  }

  /** Waits for queued writes: tests and shutdown use it. */
  async settle(): Promise<void> {
    await this.writes;
    await this.authFailures.flush();
  }

  async close(): Promise<void> {
    await this.writes;
    await this.authFailures.close();
  }

  private adoptAndMeasure(s: BreakerSnapshot, mode: AdoptMode): void {
    this.registry.adopt(s, mode);
    this.measure(this.registry.snapshot(s.scopeKey) ?? s);
  }

  private measure(s: BreakerSnapshot): void {
    // When this process learned of each half-open state (a new stored version restarts it).
    if (s.state !== "half_open") this.halfOpenSince.delete(s.scopeKey);
    else if (this.halfOpenSince.get(s.scopeKey)?.version !== s.version)
      this.halfOpenSince.set(s.scopeKey, { version: s.version, at: Date.now() });
    const labels = {
      scope: s.scope,
      provider: s.providerId,
      credential: s.scope === "credential" ? s.scopeId : "",
    };
    const gauges = metrics();
    const value = STATE_VALUE[s.state];
    // Stamped only when the state moves, so the stamp says when this instance learned it.
    if (this.measured.get(s.scopeKey) !== value) {
      this.measured.set(s.scopeKey, value);
      gauges.breakerStateChanged.set(labels, Date.now() / 1000);
    }
    gauges.breakerState.set(labels, value);
  }

  /**
   * Carries out the effects moveBreaker chose for a transition; decides nothing itself.
   * Writes go in order per process, so the stored state is always the latest one decided
   * here; log, alert and broadcast follow only a write that applied.
   */
  private onTransition(event: TransitionEvent): void {
    const { snapshot, transition, effects } = event;
    const label =
      snapshot.scope === "credential"
        ? (this.hooks.credentialsOf(snapshot.providerId).find((c) => c.id === snapshot.scopeId)
            ?.label ?? "a key no longer configured")
        : snapshot.providerId;
    if (effects.some((e) => e.type === "metric")) this.measure(snapshot);
    const persist = effects.find((e) => e.type === "persist");
    if (!persist) return;
    this.pending.set(snapshot.scopeKey, (this.pending.get(snapshot.scopeKey) ?? 0) + 1);
    this.writes = this.writes
      .then(async () => {
        const saved = await saveBreakerTransition({
          snapshot,
          transition,
          actor: persist.actor,
          note: persist.note,
          conditional: persist.conditional,
        });
        // Storage is the truth: what our last queued write left there (or, if another
        // instance moved the breaker first, its state) becomes our state, unless a broadcast
        // already brought a later one. While more of our transitions wait behind this write,
        // memory is ahead of storage and the last write will settle it.
        const left = (this.pending.get(snapshot.scopeKey) ?? 1) - 1;
        if (left > 0) this.pending.set(snapshot.scopeKey, left);
        else {
          this.pending.delete(snapshot.scopeKey);
          this.adoptAndMeasure(saved.stored, "truth");
        }
        // Only the instance whose write moved the stored state speaks: one alert per transition in a cluster.
        if (!saved.applied) return;
        // Whether this write took the provider down or brought it back, told before any
        // await below: a NOTIFY handled meanwhile would bring the watch up to date
        // silently and the change would never be told. A change adopted from another
        // instance was told there.
        this.checkProvider(snapshot.providerId, true);
        for (const effect of effects) {
          switch (effect.type) {
            case "log":
              this.log[effect.level](
                {
                  scope: snapshot.scopeKey,
                  label,
                  from: transition.from,
                  to: transition.to,
                  errorClass: transition.errorClass,
                  reason: transition.reason,
                  requestId: event.requestId,
                },
                "breaker transition",
              );
              break;
            case "alert":
              this.hooks.alert({ event, kind: effect.kind, candidateLabel: label });
              break;
            case "broadcast":
              await publishClusterEvent({
                type: "breaker_changed",
                scopeKey: snapshot.scopeKey,
                manual: effect.manual,
              });
              break;
            case "metric":
            case "persist":
            case "reset_counters":
            case "probe_elsewhere":
              break;
            default: {
              const unreachable: never = effect;
              return unreachable;
            }
          }
        }
      })
      .catch((err: Error) => {
        this.pending.delete(snapshot.scopeKey);
        this.log.error({ err: err.message, scope: snapshot.scopeKey }, "breaker state not saved");
      });
  }

  /** @param speak false: only bring the watch up to date (a change learned from storage or another instance) */
  private checkProvider(providerId: string, speak: boolean): void {
    const change = this.downWatch.check(
      providerId,
      this.hooks.credentialsOf(providerId),
      (scopeKey) => {
        const b = this.registry.snapshot(scopeKey);
        return {
          state: b?.state ?? "closed",
          retryAt: b?.state === "open" ? b.retryAt : null,
          errorClass: b && b.state !== "closed" ? b.lastErrorClass : null,
        };
      },
    );
    if (change && speak) this.hooks.providerChange(change);
  }
}
