import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { GatewayProbeRow } from "@/lib/data/breakers/record-gateway-probe";
import type { Catalog } from "@/lib/gateway/catalog";
import type { GatewayDeps } from "@/lib/gateway/gateway-deps";
import { sendMinimalCall } from "@/lib/gateway/minimal-call";
import { catalogSecrets, redactFailure } from "@/lib/gateway/redact/redact-credentials";
import type { BreakerConfig } from "@/lib/gateway/resilience/breaker-config";
import { probeTarget } from "@/lib/gateway/resilience/probe-target";
import { expectedCostPicos } from "@/lib/gateway/router/rank-candidates";
import type { BreakerService } from "./breaker-service";

/** Longest sleep between looks at the breakers (ms): a change from elsewhere is seen within it. */
const MAX_SLEEP_MS = 1_000;
/** Shortest sleep (ms), so a breaker that cannot be probed yet never spins the loop. */
const MIN_SLEEP_MS = 20;
/** After a probe that could not be sent (no route, Postgres away), wait this long (ms). */
const RETRY_LATER_MS = 1_000;
/** A probe's own deadline (ms), as a person's verification. */
const PROBE_CALL_TIMEOUT_MS = 10_000;

export interface BreakerProberDeps {
  breakers: BreakerService;
  catalog: () => Catalog;
  adapters: GatewayDeps["adapters"];
  upstream: GatewayDeps["upstream"];
  config: BreakerConfig;
  /** Stores a probe and its cost, the gateway's own. */
  record: (row: GatewayProbeRow) => Promise<void>;
  log: Logger;
}

/**
 * Probes open breakers when their retry time comes, so that recovery waits for no client
 * and charges none. One timer per process, set for the earliest retry time held in
 * memory (at most a second away); every instance runs one, and each probe is claimed in
 * Postgres first (BreakerService.claimProbe), so the cluster sends one. Quarantined and
 * forced-open breakers (retry time null) are never probed. After a restart the stored
 * states are loaded before `start`, so the timers resume from them; a half-open probe
 * that an instance took and never answered (it died) is taken over once the probe
 * timeout has passed.
 */
export class BreakerProber {
  private timer: NodeJS.Timeout | undefined;
  private wakeAt = Infinity;
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly notBefore = new Map<string, number>();
  private closed = false;

  constructor(private readonly deps: BreakerProberDeps) {}

  start(): void {
    this.deps.breakers.registry.watch(() => this.arm());
    this.arm();
  }

  /** Stops the timer and waits for the probes in flight. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** Sets the timer for the next retry time, unless it is already set as early. */
  private arm(): void {
    if (this.closed) return;
    const now = Date.now();
    let next = now + MAX_SLEEP_MS;
    for (const s of this.deps.breakers.registry.all()) {
      if (s.state !== "open" || s.retryAt === null || this.inFlight.has(s.scopeKey)) continue;
      next = Math.min(next, Math.max(s.retryAt, this.notBefore.get(s.scopeKey) ?? 0));
    }
    next = Math.max(next, now + MIN_SLEEP_MS);
    if (this.timer && next >= this.wakeAt) return;
    clearTimeout(this.timer);
    this.wakeAt = next;
    this.timer = setTimeout(() => this.tick(), next - now);
    this.timer.unref();
  }

  private tick(): void {
    this.timer = undefined;
    this.wakeAt = Infinity;
    const now = Date.now();
    for (const s of this.deps.breakers.registry.dueForProbe(now))
      this.launch(s.scopeKey, now, false);
    // Probes an instance took and never answered (it died mid-probe): taken over here.
    for (const scopeKey of this.deps.breakers.lostProbes(now)) this.launch(scopeKey, now, true);
    this.arm();
  }

  /** Starts one probe unless one of the scope is in flight here or it must wait; re-arms when it ends. */
  private launch(scopeKey: string, now: number, retake: boolean): void {
    if (this.inFlight.has(scopeKey) || (this.notBefore.get(scopeKey) ?? 0) > now) return;
    const run = this.probe(scopeKey, now, retake).finally(() => {
      this.inFlight.delete(scopeKey);
      this.arm();
    });
    this.inFlight.set(scopeKey, run);
  }

  /** One probe: find its route, claim it for the cluster, send it, report and record it. */
  private async probe(scopeKey: string, now: number, retake = false): Promise<void> {
    const { breakers, log } = this.deps;
    const registry = breakers.registry;
    const breaker = registry.snapshot(scopeKey);
    if (!breaker) return;
    const catalog = this.deps.catalog();
    const target = probeTarget(catalog, breaker, (key) => registry.snapshot(key));
    if (!target) {
      this.notBefore.set(scopeKey, now + RETRY_LATER_MS);
      return;
    }
    try {
      if (!(await breakers.claimProbe(scopeKey, now, retake))) return;
    } catch (err) {
      this.notBefore.set(scopeKey, Date.now() + RETRY_LATER_MS);
      log.warn({ err: (err as Error).message, scope: scopeKey }, "breaker probe not claimed");
      return;
    }
    this.notBefore.delete(scopeKey);
    const { candidate, admission } = target;
    const started = Date.now();
    const outcome = await sendMinimalCall(
      this.deps,
      candidate.provider,
      candidate.credential,
      candidate.deployment,
      Math.min(PROBE_CALL_TIMEOUT_MS, this.deps.config.probeTimeoutMs),
    );
    const latencyMs = Date.now() - started;
    const requestId = `probe-${randomUUID()}`;
    const failure = outcome.failure && redactFailure(outcome.failure, catalogSecrets(catalog));
    if (failure) breakers.onFailure(candidate, admission, failure, requestId);
    else breakers.onSuccess(candidate, admission, requestId);
    const promptTokens = outcome.usage?.promptTokens ?? 0;
    const completionTokens = outcome.usage?.completionTokens ?? 0;
    const row: GatewayProbeRow = {
      scopeKey,
      providerId: candidate.provider.id,
      credentialId: candidate.credential.id,
      model: candidate.deployment.publicName,
      httpStatus: outcome.status,
      errorClass: failure?.errorClass ?? null,
      promptTokens,
      completionTokens,
      upstreamCostPicos: expectedCostPicos(candidate.deployment, {
        inputTokens: promptTokens,
        outputTokens: completionTokens,
      }),
      latencyMs,
    };
    log.info(
      { ...row, credential: candidate.credential.label, requestId },
      "breaker probe answered",
    );
    await this.deps
      .record(row)
      .catch((err: Error) => log.warn({ err: err.message, scope: scopeKey }, "probe not recorded"));
  }
}
