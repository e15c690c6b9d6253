/**
 * A 401 that does not say why (`{"detail":"Unauthorized"}`) may be a blip, so it is a
 * transient_auth failure: four within 30 s leave the key in service, the fifth opens
 * its breaker, probes follow after a backoff from the (shortened) cooldown, and three
 * failed probes quarantine it. The other DeepSeek key serves every client meanwhile.
 *
 * Requests go one at a time, so every call the simulator sees was sent after the
 * gateway had digested the previous answer: the counts below are exact.
 */
import { randomUUID } from "node:crypto";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "@/lib/simulator";
import {
  alertRowsSince,
  authTimeline,
  breakerStateInMemory,
  credentialForKey,
  credentialRow,
  resetProviderBreakers,
} from "../support/breakers";
import {
  issueTenantKey,
  startGatewayProcess,
  type GatewayProcess,
} from "../support/gateway-process";
import { sendUntil as sendUntilDone, type ChatOutcome } from "../support/load";
import { recordSimCalls, type SimCallLog } from "../support/sim-call-log";
import { waitFor } from "../support/wait-for";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

const COOLDOWN_MS = 300;
const tag = randomUUID().slice(0, 8);
const K1 = `sk-amb-${tag}-k1-flaky`;
const K2 = `sk-amb-${tag}-k2-good`;
const UNAUTHORIZED = {
  name: "bare 401",
  status: 401,
  headers: { "content-type": "application/json" },
  body: { detail: "Unauthorized" },
};

let sim: Simulator | undefined;
let calls: SimCallLog | undefined;
let hook: WebhookReceiver | undefined;
let gw: GatewayProcess | undefined;
let client: OpenAI;
const served: ChatOutcome[] = [];

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
      ALERT_WEBHOOK_URL: hook.url,
      GATEWAY_BREAKER_TRANSIENT_AUTH_COOLDOWN_MS: String(COOLDOWN_MS),
    },
  });
  const issued = await issueTenantKey(gw.url, `ambiguous-${tag}`);
  client = new OpenAI({ apiKey: issued.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  calls?.stop();
  await gw?.stop();
  await hook?.close();
  await sim?.close();
});

/** One request at a time through the gateway until `done()` holds; every answer is kept. */
async function sendUntil(done: () => boolean, what: string): Promise<void> {
  served.push(...(await sendUntilDone(client, "deepseek/deepseek-chat", done, { what })));
}

describe('a credential answered 401 {"detail":"Unauthorized"}', () => {
  it("survives four within the window, opens at the fifth, probes after the cooldown and ends quarantined", async () => {
    const log = calls!;
    const since = new Date();
    const k1 = await credentialForKey(gw!.url, "deepseek", K1);
    const started = Date.now();

    // Four bare 401s: the fault answers four calls to key 1, then lets it work again.
    const firstMark = log.mark();
    const four = sim!.control.setFault({ match: { key: K1 }, ...UNAUTHORIZED, times: 4 });
    const refusedBy = (id: string) => log.forKey(K1, firstMark).filter((c) => c.faultId === id);
    await sendUntil(() => refusedBy(four).length === 4, "four 401s on key 1");
    // Still in service: key 1 answers clients again, at the first attempt.
    const afterFour = log.mark();
    await sendUntil(() => log.forKey(K1, afterFour).length >= 3, "key 1 serving after four 401s");
    expect(log.forKey(K1, afterFour).every((c) => c.faultId === undefined)).toBe(true);
    expect(await breakerStateInMemory(gw!.url, k1.id)).toBe("closed");
    expect((await credentialRow(gw!.url, k1.id)).state).toBe("closed");

    // The fifth within the window trips it, at once: one call, then open.
    const fifthMark = log.mark();
    const dead = sim!.control.setFault({ match: { key: K1 }, ...UNAUTHORIZED });
    await sendUntil(() => log.forKey(K1, fifthMark).length === 1, "the fifth 401");
    expect(Date.now() - started, "all five within the 30 s window").toBeLessThan(30_000);
    expect(await breakerStateInMemory(gw!.url, k1.id)).toBe("open");
    const opened = await waitFor(
      async () => {
        const r = await credentialRow(gw!.url, k1.id);
        return r.state === "open" ? r : undefined;
      },
      { what: "open state stored" },
    );
    expect(opened.lastErrorClass).toBe("transient_auth");

    // Probes after a backoff from the cooldown; the third failed one quarantines.
    await sendUntil(() => log.forKey(K1, fifthMark).length === 4, "three probes of key 1");
    expect(await breakerStateInMemory(gw!.url, k1.id)).toBe("quarantined");
    const [fifth, ...probes] = log.forKey(K1, fifthMark);
    const gaps = probes.map((p, i) => p.at - (i === 0 ? fifth! : probes[i - 1]!).at);
    console.log(
      `[ambiguous-401] probe gaps after the fifth 401: ${gaps.join(", ")} ms (cooldown ${COOLDOWN_MS} ms)`,
    );
    // Backoff with jitter: step n waits between 50% and 100% of cooldown * 2^n.
    gaps.forEach((gap, n) => {
      expect(gap).toBeGreaterThanOrEqual(COOLDOWN_MS * 2 ** n * 0.5);
      expect(gap).toBeLessThan(COOLDOWN_MS * 2 ** n + 500);
    });
    expect([fifth, ...probes].every((c) => c!.faultId === dead)).toBe(true);

    // Quarantined means no more calls, however much traffic comes.
    const quarantinedMark = log.mark();
    await sendUntil(() => log.mark() - quarantinedMark >= 100, "traffic after the quarantine");
    expect(log.forKey(K1, quarantinedMark)).toEqual([]);
    const stored = await waitFor(
      async () => {
        const r = await credentialRow(gw!.url, k1.id);
        return r.state === "quarantined" ? r : undefined;
      },
      { what: "quarantine stored" },
    );
    expect(stored.lastErrorClass).toBe("transient_auth");

    // Every client was served, by DeepSeek (key 2 whenever key 1 refused or was out).
    expect(served.filter((r) => r.provider !== "deepseek")).toEqual([]);
    expect(log.forKey(K2).length).toBeGreaterThan(0);

    const timeline = await waitFor(
      async () => {
        const t = await authTimeline(gw!.url, k1.id, since);
        return t.data.length >= 8 && t.transitions.length >= 7 ? t : undefined;
      },
      { what: "timeline written" },
    );
    expect(timeline.data).toHaveLength(8);
    expect(timeline.data.every((f) => f.status === 401 && f.errorClass === "transient_auth")).toBe(
      true,
    );
    const path = timeline.transitions.reverse().map((t) => `${t.from}->${t.to}`);
    expect(path).toEqual([
      "closed->open",
      ...Array.from({ length: 2 }, () => ["open->half_open", "half_open->open"]).flat(),
      "open->half_open",
      "half_open->quarantined",
    ]);
    expect(timeline.transitions[0]!.reason).toContain("5 auth failures within 30000 ms");

    // One alert when it opened, one when it was quarantined; failed probes in between raise none.
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
  }, 60_000);
});
