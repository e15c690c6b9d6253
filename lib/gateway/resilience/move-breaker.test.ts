import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { scopeOf, type ErrorClass, type UpstreamFailure } from "@/lib/gateway/errors/error-class";
import { DEFAULT_BREAKER_CONFIG as C } from "./breaker-config";
import {
  closedSnapshot,
  episodeOf,
  type BreakerSnapshot,
  type BreakerStateName,
} from "./breaker-state";
import { moveBreaker, type BreakerEffect, type BreakerEvent } from "./move-breaker";

const SEC = 1_000;

function fail(
  errorClass: ErrorClass,
  opts: {
    probe?: boolean;
    recent?: number;
    tripped?: boolean;
    retryAfterMs?: number;
    status?: number;
  } = {},
): BreakerEvent {
  const failure: UpstreamFailure = {
    errorClass,
    scope: scopeOf(errorClass),
    httpStatus: opts.status,
    retryAfterMs: opts.retryAfterMs,
  };
  // Jitter pinned to its maximum so every cooldown is exactly its step.
  return {
    type: "failure",
    failure,
    probe: opts.probe ?? false,
    recentTransientAuth: opts.recent ?? 0,
    windowTripped: opts.tripped ?? false,
    jitter: 1,
  };
}
const probeSent: BreakerEvent = { type: "probe_sent" };
const probeOk: BreakerEvent = { type: "success", probe: true };

interface Step {
  /** Fake time that passes before the event, in ms. */
  after?: number;
  event: BreakerEvent;
  state: BreakerStateName;
  /** The next probe, in ms from this step's now (open only); null = forced open, never. */
  retryIn?: number | null;
  alert?: string | null;
  /** Whether the step is a stored transition. */
  stored?: boolean;
}

interface Row {
  policy: string;
  scope: "credential" | "provider";
  steps: Step[];
}

const ROWS: Row[] = [
  {
    policy:
      "permanent_auth: open, one confirming probe after >= 60 s, the same answer -> quarantined (latched)",
    scope: "credential",
    steps: [
      {
        event: fail("permanent_auth", { status: 401 }),
        state: "open",
        retryIn: 60 * SEC,
        alert: "breaker_opened",
      },
      { after: 59 * SEC, event: probeSent, state: "open", stored: false },
      { after: 1 * SEC, event: probeSent, state: "half_open", alert: null },
      // A late answer to a request sent before the key died is not the probe: ignored.
      { event: fail("permanent_auth", { status: 401 }), state: "half_open", stored: false },
      {
        event: fail("permanent_auth", { status: 401, probe: true }),
        state: "quarantined",
        alert: "breaker_quarantined",
      },
      { after: 365 * 24 * 3600 * SEC, event: probeSent, state: "quarantined", stored: false },
      { event: probeOk, state: "quarantined", stored: false },
    ],
  },
  {
    policy:
      "transient_auth: 5 within 30 s trips, backoff with jitter, half-open, repeated failed probes escalate to quarantined",
    scope: "credential",
    steps: [
      { event: fail("transient_auth", { status: 401, recent: 4 }), state: "closed", stored: false },
      {
        after: 1 * SEC,
        event: fail("transient_auth", { status: 401, recent: 5 }),
        state: "open",
        retryIn: C.transientAuth.baseCooldownMs,
        alert: "breaker_opened",
      },
      { after: C.transientAuth.baseCooldownMs, event: probeSent, state: "half_open" },
      {
        event: fail("transient_auth", { status: 401, probe: true }),
        state: "open",
        retryIn: 2 * C.transientAuth.baseCooldownMs,
        alert: null,
      },
      { after: 2 * C.transientAuth.baseCooldownMs, event: probeSent, state: "half_open" },
      {
        event: fail("transient_auth", { status: 401, probe: true }),
        state: "open",
        retryIn: 4 * C.transientAuth.baseCooldownMs,
        alert: null,
      },
      { after: 4 * C.transientAuth.baseCooldownMs, event: probeSent, state: "half_open" },
      {
        event: fail("transient_auth", { status: 401, probe: true }),
        state: "quarantined",
        alert: "breaker_quarantined",
      },
    ],
  },
  {
    policy: "transient_auth: a probe that passes closes",
    scope: "credential",
    steps: [
      {
        event: fail("transient_auth", { recent: 5 }),
        state: "open",
        retryIn: C.transientAuth.baseCooldownMs,
      },
      { after: C.transientAuth.baseCooldownMs, event: probeSent, state: "half_open" },
      { event: probeOk, state: "closed", alert: null },
    ],
  },
  {
    policy: "billing: long cooldown, a probe, an alert",
    scope: "credential",
    steps: [
      {
        event: fail("billing", { status: 402 }),
        state: "open",
        retryIn: C.billing.cooldownMs,
        alert: "breaker_opened",
      },
      { after: C.billing.cooldownMs - 1, event: probeSent, state: "open", stored: false },
      { after: 1, event: probeSent, state: "half_open" },
      // Still out of credit: open again for as long, without paging twice.
      {
        event: fail("billing", { status: 402, probe: true }),
        state: "open",
        retryIn: C.billing.cooldownMs,
        alert: null,
      },
      { after: C.billing.cooldownMs, event: probeSent, state: "half_open" },
      { event: probeOk, state: "closed" },
    ],
  },
  {
    policy: "rate_limit: open until the provider's hint, no alert",
    scope: "credential",
    steps: [
      {
        event: fail("rate_limit", { status: 429, retryAfterMs: 9_800 }),
        state: "open",
        retryIn: 9_800,
        alert: null,
      },
      { after: 9_799, event: probeSent, state: "open", stored: false },
      { after: 1, event: probeSent, state: "half_open" },
      { event: probeOk, state: "closed" },
    ],
  },
  {
    policy: "rate_limit: without a hint, exponential backoff with jitter",
    scope: "credential",
    steps: [
      {
        event: fail("rate_limit", { status: 429 }),
        state: "open",
        retryIn: C.rateLimit.baseCooldownMs,
        alert: null,
      },
      { after: C.rateLimit.baseCooldownMs, event: probeSent, state: "half_open" },
      {
        event: fail("rate_limit", { status: 429, probe: true }),
        state: "open",
        retryIn: 2 * C.rateLimit.baseCooldownMs,
        alert: null,
      },
    ],
  },
  ...(["overloaded", "server_error", "timeout"] as const).map((cls): Row => ({
    policy: `${cls}: provider failure ratio with minimum volume, exponential cooldown, half-open probe`,
    scope: "provider",
    steps: [
      // Below the ratio or the volume: nothing.
      { event: fail(cls, { tripped: false }), state: "closed", stored: false },
      {
        event: fail(cls, { tripped: true }),
        state: "open",
        retryIn: C.provider.baseCooldownMs,
        alert: null,
      },
      // Answers of requests sent before it opened change nothing.
      { event: fail(cls, { tripped: true }), state: "open", stored: false },
      { after: C.provider.baseCooldownMs, event: probeSent, state: "half_open" },
      { event: fail(cls, { probe: true }), state: "open", retryIn: 2 * C.provider.baseCooldownMs },
      { after: 2 * C.provider.baseCooldownMs, event: probeSent, state: "half_open" },
      { event: probeOk, state: "closed" },
    ],
  })),
  {
    policy: "client_error: nothing, on either scope",
    scope: "credential",
    steps: [
      { event: fail("client_error", { status: 400 }), state: "closed", stored: false },
      {
        event: fail("client_error", { status: 400, tripped: true, recent: 99 }),
        state: "closed",
        stored: false,
      },
    ],
  },
  {
    policy: "a person: close (even quarantine), force open with no probes",
    scope: "credential",
    steps: [
      { event: fail("permanent_auth"), state: "open" },
      { after: C.authProbeDelayMs, event: probeSent, state: "half_open" },
      { event: fail("permanent_auth", { probe: true }), state: "quarantined" },
      {
        event: { type: "close", actor: "ops@example.com", note: "key rotated" },
        state: "closed",
        alert: null,
      },
      {
        event: { type: "force_open", actor: "ops@example.com" },
        state: "open",
        retryIn: null,
        alert: null,
      },
      { after: 365 * 24 * 3600 * SEC, event: probeSent, state: "open", stored: false },
      { event: { type: "close", actor: "ops@example.com" }, state: "closed" },
    ],
  },
];

describe("moveBreaker, one row per failure-class policy", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-01-01T00:00:00Z"));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each(ROWS)("$policy", ({ scope, steps }) => {
    let s: BreakerSnapshot = closedSnapshot(`${scope}:x`, scope, "x", "deepseek", 7);
    for (const [i, step] of steps.entries()) {
      if (step.after) vi.advanceTimersByTime(step.after);
      const now = Date.now();
      const { next, transition, effects } = moveBreaker(s, step.event, now, C);
      const where = `step ${i} (${step.event.type})`;
      expect(next.state, where).toBe(step.state);
      // Only storage moves the version.
      expect(next.version, where).toBe(7);
      const stored = step.stored ?? true;
      expect(transition !== null, where).toBe(stored);
      expect(
        effects.some((e) => e.type === "persist"),
        where,
      ).toBe(stored);
      if (!stored) expect(next, where).toBe(s);
      if (step.retryIn !== undefined)
        expect(episodeOf(next).retryAt, where).toBe(
          step.retryIn === null ? null : now + step.retryIn,
        );
      if (step.alert !== undefined) {
        const alerts = effects.filter((e) => e.type === "alert");
        expect(alerts, where).toEqual(step.alert ? [{ type: "alert", kind: step.alert }] : []);
        expect(transition?.alert, where).toBe(step.alert ?? undefined);
      }
      s = next;
    }
  });
});

describe("moveBreaker effects", () => {
  const t0 = Date.UTC(2026, 0, 1);
  const effectTypes = (effects: BreakerEffect[]) => effects.map((e) => e.type);

  it("a system decision is a conditional write, then log, alert and a routine broadcast", () => {
    const { transition, effects } = moveBreaker(
      closedSnapshot("credential:x", "credential", "x", "openai"),
      fail("permanent_auth", { status: 401 }),
      t0,
      C,
    );
    expect(transition).toMatchObject({ from: "closed", to: "open", errorClass: "permanent_auth" });
    expect(effectTypes(effects)).toEqual(["metric", "persist", "log", "alert", "broadcast"]);
    expect(effects).toContainEqual({
      type: "persist",
      conditional: true,
      actor: "system",
      note: undefined,
    });
    expect(effects).toContainEqual({ type: "broadcast", manual: false });
    expect(effects).toContainEqual({ type: "log", level: "warn" });
  });

  it("a person's decision always applies, is broadcast as manual and names who and why", () => {
    const open: BreakerSnapshot = {
      ...closedSnapshot("credential:x", "credential", "x", "openai"),
      state: "quarantined",
      lastErrorClass: "permanent_auth",
      failures: 1,
      probes: 1,
      openedAt: t0,
    };
    const { next, transition, effects } = moveBreaker(
      open,
      { type: "close", actor: "ops@example.com", note: "rotated" },
      t0 + 5,
      C,
    );
    expect(next).toEqual(closedSnapshot("credential:x", "credential", "x", "openai"));
    expect(transition).toEqual({
      from: "quarantined",
      to: "closed",
      errorClass: null,
      reason: "closed by ops@example.com: rotated",
    });
    expect(effects).toContainEqual({
      type: "persist",
      conditional: false,
      actor: "ops@example.com",
      note: "rotated",
    });
    expect(effects).toContainEqual({ type: "broadcast", manual: true });
    // A closed breaker starts afresh: the windows that tripped it are cleared.
    expect(effects).toContainEqual({ type: "reset_counters" });
  });

  it("takes over a half-open probe nobody answered as a conditional write of the same state; any other state stays", () => {
    const half: BreakerSnapshot = {
      ...closedSnapshot("provider:deepseek", "provider", "deepseek", "deepseek", 7),
      state: "half_open",
      lastErrorClass: "server_error",
      failures: 2,
      probes: 1,
      openedAt: t0,
    };
    const { next, transition, effects } = moveBreaker(half, { type: "probe_retaken" }, t0, C);
    expect(next).toEqual(half);
    expect(next).not.toBe(half);
    expect(transition).toMatchObject({
      from: "half_open",
      to: "half_open",
      errorClass: "server_error",
      reason: expect.stringContaining("never answered"),
    });
    expect(effects).toContainEqual({
      type: "persist",
      conditional: true,
      actor: "system",
      note: undefined,
    });
    for (const other of [
      closedSnapshot("provider:deepseek", "provider", "deepseek", "deepseek"),
      { ...half, state: "open" as const, retryAt: t0 },
      { ...half, state: "quarantined" as const },
    ])
      expect(moveBreaker(other, { type: "probe_retaken" }, t0, C).transition).toBeNull();
  });

  it("a credential probe that meets a provider failure re-opens in memory only, soon", () => {
    const half: BreakerSnapshot = {
      ...closedSnapshot("credential:x", "credential", "x", "openai"),
      state: "half_open",
      lastErrorClass: "permanent_auth",
      failures: 1,
      probes: 0,
      openedAt: t0,
    };
    const { next, transition, effects } = moveBreaker(
      half,
      fail("overloaded", { probe: true }),
      t0 + 60 * SEC,
      C,
    );
    expect(next).toMatchObject({
      state: "open",
      retryAt: t0 + 60 * SEC + C.rateLimit.baseCooldownMs,
      lastErrorClass: "permanent_auth",
    });
    expect(transition).toBeNull();
    expect(effects).toEqual([]);
  });

  it("a verification is stored as an event and leaves the state, unless a just-added key failed it", () => {
    const closed = closedSnapshot("credential:x", "credential", "x", "openai");
    const refused: UpstreamFailure = {
      errorClass: "permanent_auth",
      scope: "credential",
      httpStatus: 401,
      code: "invalid_api_key",
    };
    const verified = (
      passed: boolean,
      failure: UpstreamFailure | null,
      openOnFailure: boolean,
    ): BreakerEvent => ({
      type: "verified",
      actor: "ops@example.com",
      passed,
      status: failure?.httpStatus ?? 200,
      failure,
      openOnFailure,
      jitter: 1,
    });

    const passed = moveBreaker(closed, verified(true, null, false), t0, C);
    expect(passed.next).toBe(closed);
    expect(passed.transition).toMatchObject({
      from: "closed",
      to: "closed",
      reason: "verified by ops@example.com: passed (HTTP 200)",
    });
    expect(passed.effects).toContainEqual({
      type: "persist",
      conditional: true,
      actor: "ops@example.com",
      note: undefined,
    });
    expect(effectTypes(passed.effects)).not.toContain("broadcast");

    const failedHere = moveBreaker(closed, verified(false, refused, false), t0, C);
    expect(failedHere.next).toBe(closed);
    expect(failedHere.transition?.errorClass).toBe("permanent_auth");

    const added = moveBreaker(closed, verified(false, refused, true), t0, C);
    expect(added.next).toMatchObject({
      state: "open",
      lastErrorClass: "permanent_auth",
      retryAt: t0 + C.authProbeDelayMs,
    });
    expect(effectTypes(added.effects)).toEqual(["metric", "persist", "log", "broadcast"]);

    const billing = moveBreaker(
      closed,
      verified(false, { errorClass: "billing", scope: "credential", httpStatus: 402 }, true),
      t0,
      C,
    );
    expect(billing.next).toMatchObject({
      state: "open",
      lastErrorClass: "billing",
      retryAt: t0 + C.billing.cooldownMs,
    });
    // A provider that is down says nothing about the key: recorded, not opened.
    const down = moveBreaker(
      closed,
      verified(false, { errorClass: "overloaded", scope: "provider", httpStatus: 529 }, true),
      t0,
      C,
    );
    expect(down.next).toBe(closed);
  });

  it("pages once when rate limits persist, not on every opening", () => {
    let s: BreakerSnapshot = closedSnapshot("credential:x", "credential", "x", "openai");
    const alerts: string[] = [];
    let t = t0;
    for (let i = 0; i < C.rateLimit.alertAfterConsecutiveOpens + 3; i++) {
      const opened = moveBreaker(s, fail("rate_limit", { probe: s.state !== "closed" }), t, C);
      alerts.push(...opened.effects.flatMap((e) => (e.type === "alert" ? [e.kind] : [])));
      t = episodeOf(opened.next).retryAt!;
      s = moveBreaker(opened.next, probeSent, t, C).next;
    }
    expect(alerts).toEqual(["rate_limit_persistent"]);
  });

  it("takes storage's word by the adopt rules, deciding nothing itself: no transition, no write, no alert", () => {
    const local: BreakerSnapshot = {
      ...closedSnapshot("credential:x", "credential", "x", "openai", 4),
    };
    const stored = (state: "closed" | "half_open", version: number): BreakerSnapshot =>
      state === "closed"
        ? closedSnapshot("credential:x", "credential", "x", "openai", version)
        : {
            ...local,
            state,
            lastErrorClass: "permanent_auth",
            failures: 1,
            probes: 0,
            openedAt: t0,
            version,
          };
    const adopt = (remote: BreakerSnapshot, mode: "newer" | "truth" | "replace" | "startup") =>
      moveBreaker(local, { type: "adopt", remote, mode }, t0, C);

    expect(adopt(stored("half_open", 4), "newer").next).toBe(local);
    expect(adopt(stored("half_open", 3), "truth").next).toBe(local);
    expect(adopt(stored("half_open", 4), "truth").next).toEqual(stored("half_open", 4));
    expect(adopt(stored("half_open", 1), "replace").next).toEqual(stored("half_open", 1));
    const probing = adopt(stored("half_open", 5), "newer");
    expect(probing).toEqual({
      next: stored("half_open", 5),
      transition: null,
      effects: [{ type: "probe_elsewhere", out: true }],
    });
    // At start-up a stored half_open may be a crashed instance's: no probe is awaited.
    expect(adopt(stored("half_open", 5), "startup").effects).toEqual([
      { type: "probe_elsewhere", out: false },
    ]);
    expect(effectTypes(adopt(stored("closed", 5), "newer").effects)).toEqual([
      "probe_elsewhere",
      "reset_counters",
    ]);
  });
});
