/**
 * A provider that starts answering 503 UNAVAILABLE (Gemini's "model is overloaded"):
 * its provider breaker opens once the failure ratio is reached with the minimum volume,
 * callers are served by the next provider meanwhile, the breaker probes after its
 * cooldown (a failed probe reopens it for longer), and it closes by itself once the
 * provider recovers. Observed through GET /providers, GET /metrics and the event rows.
 */
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { PROVIDER_ERRORS, startSimulator, type Simulator } from "@/lib/simulator";
import {
  breakerEventsSince,
  breakerRow,
  metricSample,
  providerStatus,
  waitForProviderState,
} from "../support/gateway-observe";
import {
  issueTenantKey,
  startGatewayProcess,
  type GatewayProcess,
} from "../support/gateway-process";
import { simProviderEnv } from "../support/sim-provider-env";
import { waitFor } from "../support/wait-for";

const MIN_VOLUME = 4;
const COOLDOWN_MS = 3_000;
const GEMINI_GAUGE = { scope: "provider", provider: "gemini", credential: "" };

describe("provider overload", () => {
  let sim: Simulator | undefined;
  let gw: GatewayProcess | undefined;
  let client: OpenAI;
  let startedAt: Date;

  beforeAll(async () => {
    sim = await startSimulator();
    // Provider breakers outlive a process (that is their point); start this story from closed.
    await getPrisma().breakerState.deleteMany({
      where: { scopeKey: { in: ["provider:gemini", "provider:openai"] } },
    });
    startedAt = new Date();
    gw = await startGatewayProcess({
      env: simProviderEnv(
        sim,
        { gemini: ["gm-overload-key-1"], openai: ["sk-oa-overload-key-1"] },
        {
          GATEWAY_BREAKER_PROVIDER_WINDOW_MS: "30000",
          GATEWAY_BREAKER_PROVIDER_MIN_VOLUME: String(MIN_VOLUME),
          GATEWAY_BREAKER_PROVIDER_COOLDOWN_MS: String(COOLDOWN_MS),
        },
      ),
    });
    // `auto` among this file's providers only: the shared database holds other files' keys.
    const issued = await issueTenantKey(gw.url, "overload", {
      allowedModels: ["gemini/*", "openai/*"],
    });
    client = new OpenAI({ apiKey: issued.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await gw?.stop();
    await sim?.close();
  });

  const geminiCalls = () => sim!.control.stats().byProvider.gemini ?? 0;

  /** `auto`: Gemini is the cheapest deployment here, OpenAI's gpt-4o-mini the next. */
  async function ask(i: number) {
    const sentAt = Date.now();
    const { data, response } = await client.chat.completions
      .create({ model: "auto", messages: [{ role: "user", content: `overload ${i}` }] })
      .withResponse();
    expect(data.choices[0]!.message.content).toMatch(/^Simulated reply from /);
    return {
      provider: response.headers.get("x-gateway-provider"),
      attempts: response.headers.get("x-gateway-attempts"),
      sentAt,
      doneAt: Date.now(),
    };
  }

  it("opens on the failure ratio, routes around the provider, probes after the cooldown and closes on recovery", async () => {
    expect(await ask(0)).toMatchObject({ provider: "gemini", attempts: "1" });
    // Before the trip the gauge may not exist yet (no transition so far), or reads closed.
    expect(await metricSample(gw!.url, "gateway_breaker_state", GEMINI_GAUGE)).not.toBe(2);

    const fault = sim!.control.setFault({
      match: { provider: "gemini" },
      ...PROVIDER_ERRORS.gemini.unavailable,
    });
    // 1 success + n failures: the ratio reaches 50% at n = 1, the volume MIN_VOLUME at n = MIN_VOLUME - 1.
    const tripping = MIN_VOLUME - 1;
    for (let i = 1; i <= tripping; i++) {
      expect(await ask(i)).toMatchObject({ provider: "openai", attempts: "2" });
      const row = await breakerRow("provider:gemini");
      // Below the minimum volume a 100% failure ratio does not trip.
      if (i < tripping) expect(row?.state ?? "closed").toBe("closed");
    }
    const open = await waitForProviderState(gw!.url, "gemini", "open");
    expect(open).toMatchObject({ online: false, offlineReason: "provider breaker open" });
    const opened = (await breakerRow("provider:gemini"))!;
    expect(opened.lastErrorClass).toBe("overloaded");
    const retryAt = opened.retryAt!.getTime();
    // First cooldown: the base with jitter in [50%, 100%].
    expect(retryAt - opened.openedAt!.getTime()).toBeGreaterThanOrEqual(COOLDOWN_MS / 2);
    expect(retryAt - opened.openedAt!.getTime()).toBeLessThanOrEqual(COOLDOWN_MS);
    expect(await metricSample(gw!.url, "gateway_breaker_state", GEMINI_GAUGE)).toBe(2);

    // While open: served by OpenAI at the first attempt, Gemini not called at all.
    const callsWhileOpen = geminiCalls();
    for (let i = 0; i < 3; i++) {
      const r = await ask(100 + i);
      expect(r.doneAt).toBeLessThan(retryAt);
      expect(r).toMatchObject({ provider: "openai", attempts: "1" });
    }
    expect(geminiCalls()).toBe(callsWhileOpen);

    // Cooldown over, still failing: the gateway's own timer sends one probe to Gemini (no
    // client pays for it), it fails, and the breaker reopens for longer.
    const reopened = await waitFor(
      async () => {
        const row = await breakerRow("provider:gemini");
        return row?.state === "open" && row.retryAt!.getTime() > retryAt ? row : undefined;
      },
      { what: "gemini reopened after the failed timer probe" },
    );
    const reopenedAt = Date.now();
    expect(geminiCalls()).toBe(callsWhileOpen + 1);
    const retryAt2 = reopened.retryAt!.getTime();
    // Second cooldown doubles: [COOLDOWN_MS, 2 * COOLDOWN_MS] after the failed probe, which
    // was sent at or after the first retry time.
    expect(retryAt2 - retryAt).toBeGreaterThanOrEqual(COOLDOWN_MS);
    expect(retryAt2 - reopenedAt).toBeLessThanOrEqual(2 * COOLDOWN_MS);
    expect(reopened.openedAt!.getTime()).toBe(opened.openedAt!.getTime());

    // The provider recovers; while the breaker is open clients are served elsewhere, and
    // at the retry time the timer's probe succeeds and closes it, with no client request.
    sim!.control.clearFault(fault);
    expect(await ask(300)).toMatchObject({ provider: "openai", attempts: "1" });
    // The retry time is at most 2 cooldowns away; a loaded machine gets a margin on top.
    const closed = await waitForProviderState(
      gw!.url,
      "gemini",
      "closed",
      4 * COOLDOWN_MS + 10_000,
    );
    expect(Date.now()).toBeGreaterThanOrEqual(retryAt2);
    expect(closed).toMatchObject({ online: true, offlineReason: null });
    expect(await metricSample(gw!.url, "gateway_breaker_state", GEMINI_GAUGE)).toBe(0);
    expect(await ask(302)).toMatchObject({ provider: "gemini", attempts: "1" });

    // Closed means a fresh start: the failures that tripped it no longer count, so one
    // blip (well under the minimum volume) right after recovery does not reopen it.
    sim!.control.setFault({
      match: { provider: "gemini" },
      ...PROVIDER_ERRORS.gemini.unavailable,
      times: 1,
    });
    expect(await ask(400)).toMatchObject({ provider: "openai", attempts: "2" });
    expect(await ask(401)).toMatchObject({ provider: "gemini", attempts: "1" });

    // The audit trail: every transition once, in order, decided by the system.
    const events = await waitFor(
      async () => {
        const rows = await breakerEventsSince("gemini", startedAt);
        return rows.length >= 5 ? rows : undefined;
      },
      { what: "five gemini breaker events" },
    );
    expect(events.map((e) => `${e.fromState}->${e.toState}`)).toEqual([
      "closed->open",
      "open->half_open",
      "half_open->open",
      "open->half_open",
      "half_open->closed",
    ]);
    for (const e of events) {
      expect(e.scopeKey).toBe("provider:gemini");
      expect(e.actor).toBe("system");
    }
    // Probes never start before the cooldown they follow has passed.
    expect(events[1]!.createdAt.getTime()).toBeGreaterThanOrEqual(retryAt);
    expect(events[3]!.createdAt.getTime()).toBeGreaterThanOrEqual(retryAt2);
    // OpenAI served throughout and never tripped.
    expect((await providerStatus(gw!.url, "openai")).state).toBe("closed");
    expect(await breakerEventsSince("openai", startedAt)).toEqual([]);
  });
});
