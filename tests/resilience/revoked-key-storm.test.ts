/**
 * A key revoked in the middle of a storm of traffic: 20,000 requests at concurrency 50,
 * two DeepSeek keys (same price, preferred) and a Gemini key (dearer, the fallback).
 * After 3,000 requests DeepSeek starts answering key 1 with its "Authentication Fails"
 * 401. No client may notice; the dead key may cost only a handful of upstream calls;
 * one alert when it opens, one when its confirming probe quarantines it; the log stays
 * small; and a person can close it again once the key works.
 *
 * "Calls after its first 401" is counted from the moment the gateway had provably
 * acted on a 401: the first client answer that needed a second attempt (it came back
 * through a failover, so the gateway had classified a 401 and opened the breaker
 * before writing it). Calls the gateway had already sent before any 401 came back
 * (in flight at concurrency 50) are counted separately and bounded by the concurrency.
 */
import { randomUUID } from "node:crypto";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { PROVIDER_ERRORS, startSimulator, type Simulator } from "@/lib/simulator";
import {
  alertRowsSince,
  authBuckets,
  authTimeline,
  breakerStateInMemory,
  credentialForKey,
  credentialRow,
  resetProviderBreakers,
  type CredentialRow,
} from "../support/breakers";
import {
  admin,
  issueTenantKey,
  startGatewayProcess,
  type GatewayProcess,
} from "../support/gateway-process";
import { describeErrors, runLoad, sendChat, type ChatOutcome } from "../support/load";
import { recordSimCalls, type SimCallLog } from "../support/sim-call-log";
import { waitFor } from "../support/wait-for";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

const TOTAL = 20_000;
const CONCURRENCY = 50;
const FAULT_AFTER = 3_000;
const PROBE_MS = 1_500;
const tag = randomUUID().slice(0, 8);
const K1 = `sk-storm-${tag}-k1-dead`;
const K2 = `sk-storm-${tag}-k2-live`;
const GEMINI_KEY = `AIzaStorm-${tag}-gem1`;

let sim: Simulator | undefined;
let calls: SimCallLog | undefined;
let hook: WebhookReceiver | undefined;
let gw: GatewayProcess | undefined;
let client: OpenAI;
let k1: CredentialRow;
const since = new Date();
let faultId: string | undefined;

beforeAll(async () => {
  sim = await startSimulator();
  calls = recordSimCalls(sim);
  hook = await startWebhookReceiver();
  await resetProviderBreakers();
  gw = await startGatewayProcess({
    env: {
      GATEWAY_SIMULATED_PROVIDERS: "0",
      DEEPSEEK_API_KEY: `${K1},${K2}`,
      DEEPSEEK_BASE_URL: sim.baseUrlFor("deepseek"),
      GEMINI_API_KEY: GEMINI_KEY,
      GEMINI_BASE_URL: sim.baseUrlFor("gemini"),
      ALERT_WEBHOOK_URL: hook.url,
      LOG_LEVEL: "info",
      GATEWAY_BREAKER_AUTH_PROBE_MS: String(PROBE_MS),
    },
  });
  // `auto` over exactly DeepSeek and Gemini: both DeepSeek keys rank first (cheaper for
  // a short prompt and a default-length answer), Gemini is the fallback.
  const issued = await issueTenantKey(gw.url, `storm-${tag}`, {
    allowedModels: ["deepseek/deepseek-chat", "gemini/gemini-2.0-flash"],
  });
  client = new OpenAI({ apiKey: issued.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
  k1 = await credentialForKey(gw.url, "deepseek", K1);
});

afterAll(async () => {
  calls?.stop();
  await gw?.stop();
  await hook?.close();
  await sim?.close();
});

describe("a DeepSeek key revoked in the middle of a 20,000-request storm", () => {
  it("costs no client a failure, the key a handful of calls, one alert per transition and a few KB of log", async () => {
    const log = calls!;
    const logBytesBefore = Buffer.byteLength(gw!.output());
    let faultMark = -1;
    let knownMark: number | undefined;
    const load = await runLoad<ChatOutcome>({
      total: TOTAL,
      concurrency: CONCURRENCY,
      request: () => sendChat(client, "auto"),
      onStart: (i) => {
        if (i !== FAULT_AFTER) return;
        faultMark = log.mark();
        faultId = sim!.control.setFault({
          match: { key: K1 },
          ...PROVIDER_ERRORS.deepseek.authenticationFails,
        });
      },
      onResult: (r) => {
        if (faultId !== undefined && knownMark === undefined && r.attempts >= 2)
          knownMark = log.mark();
      },
    });
    expect(load.errors, describeErrors(load.errors)).toEqual([]);
    expect(load.results).toHaveLength(TOTAL);
    expect(faultMark).toBeGreaterThan(0);
    expect(knownMark, "some request must have failed over from key 1").toBeDefined();

    // The confirming probe needs a request after PROBE_MS; should the storm end sooner,
    // a trickle of requests (which must succeed too) gives it one.
    const trickle: ChatOutcome[] = [];
    await waitFor(
      async () => {
        if ((await breakerStateInMemory(gw!.url, k1.id)) === "quarantined") return true;
        trickle.push(await sendChat(client, "auto"));
        return false;
      },
      {
        timeoutMs: PROBE_MS * 4 + 10_000,
        intervalMs: 50,
        what: "key 1 quarantined after its confirming probe",
      },
    );
    const served = [...load.results, ...trickle];
    // The healthy DeepSeek key absorbed key 1's share; nobody needed the dearer Gemini.
    expect(served.filter((r) => r.provider !== "deepseek")).toEqual([]);
    expect(log.calls.filter((c) => c.provider === "gemini")).toEqual([]);

    // Upstream calls to key 1.
    const dead = log.forKey(K1, faultMark);
    const refused = dead.filter((c) => c.faultId === faultId);
    expect(refused.length, "every call to key 1 after the fault was answered 401").toBe(
      dead.length,
    );
    expect(sim!.control.listFaults().find((f) => f.id === faultId)?.hits).toBe(refused.length);
    const afterKnown = log.forKey(K1, knownMark);
    const inFlight = refused.filter((c) => c.seq < knownMark!);
    console.log(
      `[storm] ${load.elapsedMs} ms for ${TOTAL} requests; key 1: ${refused.length} x 401 in all, ` +
        `${inFlight.length} already in flight before the gateway acted, ${afterKnown.length} after it acted ` +
        `(probe ${afterKnown[0] ? afterKnown[0].at - refused[0]!.at : "-"} ms after the first 401)`,
    );
    expect(
      afterKnown.length,
      "calls to key 1 after the gateway acted on its first 401",
    ).toBeLessThanOrEqual(3);
    expect(afterKnown.length, "the confirming probe").toBeGreaterThanOrEqual(1);
    expect(
      afterKnown[0]!.at - refused[0]!.at,
      "the probe waited for the probe delay",
    ).toBeGreaterThanOrEqual(PROBE_MS);
    expect(inFlight.length).toBeLessThanOrEqual(CONCURRENCY);

    // Stored state, as every instance and the dashboard see it.
    const stored = await waitFor(
      async () => {
        const row = await credentialRow(gw!.url, k1.id);
        return row.state === "quarantined" ? row : undefined;
      },
      { what: "quarantine stored" },
    );
    expect(stored.lastErrorClass).toBe("permanent_auth");
    expect((await credentialForKey(gw!.url, "deepseek", K2)).state).toBe("closed");

    // Alerts: wait until every alert raised has been delivered, then count.
    await hook!.waitFor(2);
    const rows = await waitFor(
      async () => {
        const r = await alertRowsSince(since);
        return r.length >= 2 && r.every((a) => a.deliveredAt !== null) ? r : undefined;
      },
      { what: "alerts delivered" },
    );
    expect(rows.map((a) => a.kind)).toEqual(["breaker_opened", "breaker_quarantined"]);
    expect(hook!.alerts.map((a) => a.kind)).toEqual(["breaker_opened", "breaker_quarantined"]);
    for (const a of hook!.alerts) expect(a.scopeId).toBe(k1.id);
    expect(JSON.stringify(hook!.alerts)).not.toContain(K1);

    // The log of the whole storm, breaker transitions and alerts included.
    const logBytes = Buffer.byteLength(gw!.output()) - logBytesBefore;
    console.log(
      `[storm] gateway log during the storm: ${logBytes} bytes; alerts: ${hook!.alerts.length}`,
    );
    expect(logBytes).toBeLessThan(20_000);
    expect(gw!.output()).not.toContain(K1);

    // The 401 timeline: each refused call once, no more; and the transitions.
    const timeline = await waitFor(
      async () => {
        const t = await authTimeline(gw!.url, k1.id, since);
        return t.data.length >= refused.length ? t : undefined;
      },
      { what: "401 timeline written" },
    );
    expect(timeline.data).toHaveLength(refused.length);
    for (const f of timeline.data)
      expect([f.status, f.errorClass]).toEqual([401, "permanent_auth"]);
    const path = timeline.transitions.map((t) => `${t.from}->${t.to}`).reverse();
    expect(path).toEqual(["closed->open", "open->half_open", "half_open->quarantined"]);
    expect(timeline.transitions.every((t) => t.actor === "system")).toBe(true);
    // The chart's counts, from the per-minute table written with the rows, say the same.
    const chart = await authBuckets(gw!.url, k1.id, since);
    expect(chart.total).toBe(refused.length);
    expect(chart.buckets.every((b) => b.status === 401)).toBe(true);
  }, 240_000);

  it("serves again on key 1 once the key works and a person closes the breaker", async () => {
    const log = calls!;
    expect(sim!.control.clearFault(faultId!)).toBe(true);
    // Healed upstream, still quarantined: no request may reach key 1 until a person says so.
    const quiet = log.mark();
    const still = await runLoad({
      total: 200,
      concurrency: 8,
      request: () => sendChat(client, "auto"),
    });
    expect(still.errors, describeErrors(still.errors)).toEqual([]);
    expect(log.forKey(K1, quiet)).toEqual([]);

    const note = `key rotated by the storm test ${tag}`;
    const closed = await admin<{ state: string }>(
      gw!.url,
      "POST",
      `/api/admin/credentials/${k1.id}/close`,
      { note },
    );
    expect(closed.state).toBe("closed");
    const reopened = log.mark();
    const after = await runLoad({
      total: 200,
      concurrency: 8,
      request: () => sendChat(client, "auto"),
    });
    expect(after.errors, describeErrors(after.errors)).toEqual([]);
    expect(after.results.every((r) => r.provider === "deepseek" && r.attempts === 1)).toBe(true);
    // The rotation gives key 1 about half again.
    expect(log.forKey(K1, reopened).length).toBeGreaterThanOrEqual(50);
    expect((await credentialRow(gw!.url, k1.id)).state).toBe("closed");

    const closing = (await authTimeline(gw!.url, k1.id, since)).transitions.find(
      (t) => t.to === "closed",
    );
    expect(closing).toMatchObject({
      from: "quarantined",
      to: "closed",
      actor: "admin-api-key",
      note,
    });
    const audit = await getPrisma().auditEvent.findMany({
      where: { action: "breaker.closed", targetId: k1.id },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: "admin-api-key",
      targetType: "credential",
      details: expect.objectContaining({ note }),
    });
    // Closing is a person's act, not an alert.
    expect(hook!.alerts).toHaveLength(2);
  }, 60_000);
});
