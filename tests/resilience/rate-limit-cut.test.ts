/**
 * DeepSeek (the cheapest for this key) starts answering 429 with `Retry-After: 2`.
 * The gateway must send it nothing until the two seconds have passed, serve from the
 * next cheapest provider (Gemini) meanwhile, probe DeepSeek once the time is up and
 * move the traffic back when it answers. A plain rate limit raises no alert.
 *
 * To make "nothing" strict, the fault is cleared the moment a client first sees a
 * failover: from then on DeepSeek would answer any call it got, so a gateway ignoring
 * the hint would be caught both at the simulator and in the x-gateway-provider header.
 * Calls already sent before the first 429 came back (in flight) are counted apart.
 */
import { randomUUID } from "node:crypto";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "@/lib/simulator";
import {
  alertRowsSince,
  authTimeline,
  credentialForKey,
  credentialRow,
  resetProviderBreakers,
} from "../support/breakers";
import {
  issueTenantKey,
  startGatewayProcess,
  type GatewayProcess,
} from "../support/gateway-process";
import { describeErrors, runLoad, sendChat, type ChatOutcome } from "../support/load";
import { recordSimCalls, type SimCallLog } from "../support/sim-call-log";
import { waitFor } from "../support/wait-for";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

const RETRY_AFTER_MS = 2_000;
const CONCURRENCY = 8;
const tag = randomUUID().slice(0, 8);
const DS_KEY = `sk-rl-${tag}-ds01`;
const GEMINI_KEY = `AIzaRl-${tag}-gem1`;

const RATE_LIMITED = {
  name: "deepseek.rateLimited",
  status: 429,
  headers: { "content-type": "application/json", "retry-after": String(RETRY_AFTER_MS / 1000) },
  body: {
    error: {
      message: "Rate limit reached for requests",
      type: "rate_limit_error",
      param: null,
      code: "rate_limit_exceeded",
    },
  },
};

let sim: Simulator | undefined;
let calls: SimCallLog | undefined;
let hook: WebhookReceiver | undefined;
let gw: GatewayProcess | undefined;
let client: OpenAI;

beforeAll(async () => {
  sim = await startSimulator();
  calls = recordSimCalls(sim);
  hook = await startWebhookReceiver();
  await resetProviderBreakers();
  gw = await startGatewayProcess({
    env: {
      GATEWAY_SIMULATED_PROVIDERS: "0",
      DEEPSEEK_API_KEY: DS_KEY,
      DEEPSEEK_BASE_URL: sim.baseUrlFor("deepseek"),
      GEMINI_API_KEY: GEMINI_KEY,
      GEMINI_BASE_URL: sim.baseUrlFor("gemini"),
      ALERT_WEBHOOK_URL: hook.url,
    },
  });
  const issued = await issueTenantKey(gw.url, `rate-limit-${tag}`, {
    allowedModels: ["deepseek/deepseek-chat", "gemini/gemini-2.0-flash"],
  });
  client = new OpenAI({ apiKey: issued.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  calls?.stop();
  await gw?.stop();
  await hook?.close();
  await sim?.close();
});

describe("a provider answering 429 with Retry-After: 2", () => {
  it("gets no call for 2 s, traffic goes to the next cheapest meanwhile and returns after the probe", async () => {
    const log = calls!;
    const since = new Date();
    const ds = await credentialForKey(gw!.url, "deepseek", DS_KEY);

    // Before: DeepSeek is the cheapest and serves everything.
    const before = await runLoad({
      total: 100,
      concurrency: CONCURRENCY,
      request: () => sendChat(client, "auto"),
    });
    expect(before.errors, describeErrors(before.errors)).toEqual([]);
    expect(before.results.every((r) => r.provider === "deepseek" && r.attempts === 1)).toBe(true);

    const faultMark = log.mark();
    let faultId: string | undefined = sim!.control.setFault({
      match: { key: DS_KEY },
      ...RATE_LIMITED,
    });
    let knownMark: number | undefined;
    let knownAt = 0;
    let backAt: number | undefined;
    const loadDeadline = Date.now() + RETRY_AFTER_MS + 10_000;
    const load = await runLoad<ChatOutcome>({
      total: 20_000,
      concurrency: CONCURRENCY,
      request: () => sendChat(client, "auto"),
      onResult: (r) => {
        if (knownMark === undefined && r.attempts >= 2) {
          // The gateway has read a 429 and failed over: heal DeepSeek now.
          knownMark = log.mark();
          knownAt = Date.now();
          sim!.control.clearFault(faultId!);
          faultId = undefined;
        }
        if (
          knownMark !== undefined &&
          backAt === undefined &&
          r.provider === "deepseek" &&
          r.startedAt > knownAt
        )
          backAt = r.finishedAt;
      },
      // Bounded twice over: by the request count and by a deadline far past the hint.
      stop: () => (backAt !== undefined && Date.now() > backAt + 300) || Date.now() > loadDeadline,
    });
    expect(load.errors, describeErrors(load.errors)).toEqual([]);
    expect(knownMark, "a client saw the failover").toBeDefined();
    expect(backAt, "traffic came back to DeepSeek").toBeDefined();

    const dsCalls = log.forKey(DS_KEY, faultMark);
    const first429 = dsCalls[0]!;
    const inFlight = dsCalls.filter((c) => c.seq < knownMark!);
    expect(inFlight.length).toBeGreaterThanOrEqual(1);
    expect(inFlight.length).toBeLessThanOrEqual(CONCURRENCY);
    const afterKnown = log.forKey(DS_KEY, knownMark);
    const windowEnd = first429.at + RETRY_AFTER_MS;
    const inWindow = afterKnown.filter((c) => c.at < windowEnd);
    const probe = afterKnown[0];
    console.log(
      `[rate-limit] ${inFlight.length} DeepSeek call(s) in flight at the first 429, ${inWindow.length} inside the 2 s window; ` +
        `probe ${probe ? probe.at - first429.at : "-"} ms after the 429; traffic back ${backAt! - first429.at} ms after it`,
    );
    expect(inWindow, "DeepSeek got a call before Retry-After had passed").toEqual([]);
    expect(probe, "DeepSeek was probed").toBeDefined();
    expect(probe!.at - first429.at).toBeGreaterThanOrEqual(RETRY_AFTER_MS);
    // Probed promptly once allowed: traffic never stopped, so the first request after retryAt probes.
    expect(probe!.at - first429.at).toBeLessThan(RETRY_AFTER_MS + 1_000);

    // Meanwhile Gemini, the next cheapest, served; afterwards DeepSeek again.
    const during = load.results.filter((r) => r.startedAt > knownAt && r.finishedAt < windowEnd);
    expect(during.length).toBeGreaterThan(10);
    expect(during.filter((r) => r.provider !== "gemini")).toEqual([]);
    expect(
      log.calls.filter((c) => c.provider === "gemini" && c.seq >= knownMark!).length,
    ).toBeGreaterThanOrEqual(during.length);
    const afterProbe = load.results.filter((r) => r.startedAt > probe!.at + 50);
    expect(afterProbe.length).toBeGreaterThan(0);
    expect(afterProbe.filter((r) => r.provider !== "deepseek")).toEqual([]);

    // The breaker story as stored: opened for the hint, probed, closed; the credential works.
    const row = await waitFor(
      async () => {
        const r = await credentialRow(gw!.url, ds.id);
        return r.state === "closed" && r.failures === 0 ? r : undefined;
      },
      { what: "rate-limit breaker closed again" },
    );
    expect(row.lastErrorClass === null || row.lastErrorClass === "rate_limit").toBe(true);
    const transitions = (await authTimeline(gw!.url, ds.id, since)).transitions.reverse();
    expect(transitions.map((t) => `${t.from}->${t.to}`)).toEqual([
      "closed->open",
      "open->half_open",
      "half_open->closed",
    ]);
    expect(transitions[0]).toMatchObject({ errorClass: "rate_limit" });
    expect(transitions[0]!.reason).toContain(`${RETRY_AFTER_MS} ms`);

    // No alert for a plain rate limit: the transitions above are stored, and any alert
    // their opening raised would have been stored when it was raised.
    expect(await alertRowsSince(since)).toEqual([]);
    expect(hook!.alerts).toEqual([]);
  }, 60_000);
});
