/**
 * Breaker tuning per failure class (see "Failures, breakers and failover" in the README).
 * Defaults suit production; tests shorten the waits through the environment.
 */
export interface BreakerConfig {
  /** permanent_auth: wait before the one confirming probe; its failure quarantines. */
  authProbeDelayMs: number;
  transientAuth: {
    threshold: number;
    windowMs: number;
    baseCooldownMs: number;
    maxCooldownMs: number;
    quarantineAfterFailedProbes: number;
  };
  billing: { cooldownMs: number };
  rateLimit: { baseCooldownMs: number; maxCooldownMs: number; alertAfterConsecutiveOpens: number };
  provider: {
    windowMs: number;
    minVolume: number;
    failureRatio: number;
    baseCooldownMs: number;
    maxCooldownMs: number;
  };
  /** A probe that never reports back (client vanished) frees its slot after this. */
  probeTimeoutMs: number;
  /**
   * How long after an open breaker's retry time a client request may still not be its
   * probe (ms): the gateway probes on a timer at the retry time, and a client becomes the
   * probe only when that timer could not (Postgres away, no instance running it). 0: at once.
   */
  clientProbeGraceMs: number;
}

export const DEFAULT_BREAKER_CONFIG: BreakerConfig = {
  authProbeDelayMs: 60_000,
  transientAuth: {
    threshold: 5,
    windowMs: 30_000,
    baseCooldownMs: 5_000,
    maxCooldownMs: 300_000,
    quarantineAfterFailedProbes: 3,
  },
  billing: { cooldownMs: 15 * 60_000 },
  rateLimit: { baseCooldownMs: 1_000, maxCooldownMs: 60_000, alertAfterConsecutiveOpens: 10 },
  provider: {
    windowMs: 10_000,
    minVolume: 10,
    failureRatio: 0.5,
    baseCooldownMs: 5_000,
    maxCooldownMs: 300_000,
  },
  probeTimeoutMs: 30_000,
  clientProbeGraceMs: 0,
};

/** The configuration's breaker settings (milliseconds, except the minimum volume), already validated. */
export type BreakerTunables = Readonly<
  Record<
    | "GATEWAY_BREAKER_AUTH_PROBE_MS"
    | "GATEWAY_BREAKER_TRANSIENT_AUTH_WINDOW_MS"
    | "GATEWAY_BREAKER_TRANSIENT_AUTH_COOLDOWN_MS"
    | "GATEWAY_BREAKER_BILLING_COOLDOWN_MS"
    | "GATEWAY_BREAKER_RATE_LIMIT_COOLDOWN_MS"
    | "GATEWAY_BREAKER_PROVIDER_WINDOW_MS"
    | "GATEWAY_BREAKER_PROVIDER_MIN_VOLUME"
    | "GATEWAY_BREAKER_PROVIDER_COOLDOWN_MS"
    | "GATEWAY_BREAKER_PROBE_TIMEOUT_MS"
    | "GATEWAY_BREAKER_CLIENT_PROBE_GRACE_MS",
    number | undefined
  >
>;

/** The defaults with the configuration's overrides (GATEWAY_BREAKER_AUTH_PROBE_MS and friends) applied. */
export function breakerConfigFrom(source: BreakerTunables): BreakerConfig {
  const ms = (name: keyof BreakerTunables, fallback: number) => source[name] ?? fallback;
  const d = DEFAULT_BREAKER_CONFIG;
  return {
    authProbeDelayMs: ms("GATEWAY_BREAKER_AUTH_PROBE_MS", d.authProbeDelayMs),
    transientAuth: {
      ...d.transientAuth,
      windowMs: ms("GATEWAY_BREAKER_TRANSIENT_AUTH_WINDOW_MS", d.transientAuth.windowMs),
      baseCooldownMs: ms(
        "GATEWAY_BREAKER_TRANSIENT_AUTH_COOLDOWN_MS",
        d.transientAuth.baseCooldownMs,
      ),
    },
    billing: { cooldownMs: ms("GATEWAY_BREAKER_BILLING_COOLDOWN_MS", d.billing.cooldownMs) },
    rateLimit: {
      ...d.rateLimit,
      baseCooldownMs: ms("GATEWAY_BREAKER_RATE_LIMIT_COOLDOWN_MS", d.rateLimit.baseCooldownMs),
    },
    provider: {
      ...d.provider,
      windowMs: ms("GATEWAY_BREAKER_PROVIDER_WINDOW_MS", d.provider.windowMs),
      minVolume: ms("GATEWAY_BREAKER_PROVIDER_MIN_VOLUME", d.provider.minVolume),
      baseCooldownMs: ms("GATEWAY_BREAKER_PROVIDER_COOLDOWN_MS", d.provider.baseCooldownMs),
    },
    probeTimeoutMs: ms("GATEWAY_BREAKER_PROBE_TIMEOUT_MS", d.probeTimeoutMs),
    clientProbeGraceMs: ms("GATEWAY_BREAKER_CLIENT_PROBE_GRACE_MS", d.clientProbeGraceMs),
  };
}

/** Exponential backoff with full jitter in [50%, 100%] of the step, capped. */
export function backoffMs(
  base: number,
  step: number,
  max: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(max, base * 2 ** Math.max(0, step));
  return Math.round(ceiling * (0.5 + 0.5 * random()));
}
