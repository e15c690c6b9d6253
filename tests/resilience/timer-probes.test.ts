/**
 * Breakers that recover with no client traffic. Two gateway processes share one database
 * and one DeepSeek key on the simulator. The provider answers 500 until its breaker opens;
 * the fault is cleared; nobody sends anything; the breaker must close by itself, through
 * a probe one of the two instances claimed in Postgres (never both), whose cost is stored
 * as the gateway's own. Then the same across a restart: opened, both instances stopped,
 * fault cleared, a fresh instance started: it probes from the stored state.
 *
 * Times: "fault cleared -> closed" runs from the moment the fault is removed to the
 * moment /providers (admin view, stored state) reports the provider closed.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { startSimulator, type Simulator } from "@/lib/simulator";
import { resetProviderBreakers } from "../support/breakers";
import {
  issueTenantKey,
  startGatewayProcess,
  TEST_ADMIN_KEY,
  type GatewayProcess,
} from "../support/gateway-process";
import { recordSimCalls, type SimCallLog } from "../support/sim-call-log";
import { waitFor } from "../support/wait-for";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

const MODEL = "deepseek/deepseek-chat";
const tag = randomUUID().slice(0, 8);
const KEY = `sk-probe-${tag}-key`;
const COOLDOWN_MS = 400;

let sim: Simulator | undefined;
let calls: SimCallLog | undefined;
let a: GatewayProcess | undefined;
let b: GatewayProcess | undefined;
let hook: WebhookReceiver | undefined;
let tenantKey = "";
const env = () => ({
  GATEWAY_SIMULATED_PROVIDERS: "0",
  DEEPSEEK_API_KEY: KEY,
  DEEPSEEK_BASE_URL: sim!.baseUrlFor("deepseek"),
  ALERT_WEBHOOK_URL: hook!.url,
  GATEWAY_BREAKER_PROVIDER_MIN_VOLUME: "2",
  GATEWAY_BREAKER_PROVIDER_COOLDOWN_MS: String(COOLDOWN_MS),
});

beforeAll(async () => {
  sim = await startSimulator();
  calls = recordSimCalls(sim);
  hook = await startWebhookReceiver();
  await resetProviderBreakers();
  a = await startGatewayProcess({ env: env() });
  b = await startGatewayProcess({ env: env() });
  tenantKey = (await issueTenantKey(a.url, `timer-probes-${tag}`)).key;
});

afterAll(async () => {
  calls?.stop();
  await Promise.all([a?.stop(), b?.stop()]);
  await hook?.close();
  await sim?.close();
});

/** The provider breaker's stored state, as the admin view of /providers shows it. */
async function deepseekState(gw: GatewayProcess): Promise<string> {
  const res = await fetch(`${gw.url}/providers`, {
    headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` },
  });
  const body = (await res.json()) as { providers: { id: string; state: string }[] };
  return body.providers.find((p) => p.id === "deepseek")!.state;
}

async function chat(gw: GatewayProcess): Promise<Response> {
  return fetch(`${gw.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${tenantKey}`, "content-type": "application/json" },
    body: JSON.stringify({ model: MODEL, messages: [{ role: "user", content: "ping" }] }),
  });
}

/** Sends through `gw` until the provider breaker is stored open; returns the fault's id. */
async function openProviderBreaker(gw: GatewayProcess): Promise<string> {
  const faultId = sim!.control.setFault({
    match: { key: KEY },
    status: 500,
    body: { error: { message: "simulated outage", type: "server_error" } },
  });
  await waitFor(
    async () => {
      await (await chat(gw)).arrayBuffer();
      return (await deepseekState(gw)) === "open";
    },
    { timeoutMs: 15_000, intervalMs: 1, what: "the provider breaker to open" },
  );
  return faultId;
}

/** Clears the fault and waits, sending nothing, until the stored breaker is closed; returns ms. */
async function clearAndTimeRecovery(gw: GatewayProcess, faultId: string): Promise<number> {
  const clearedAt = Date.now();
  sim!.control.clearFault(faultId);
  await waitFor(async () => (await deepseekState(gw)) === "closed", {
    timeoutMs: 30_000,
    intervalMs: 10,
    what: "the provider breaker to close with no traffic",
  });
  return Date.now() - clearedAt;
}

describe("probes the gateway makes itself", () => {
  it("closes an open provider breaker with no client request, one probe for the cluster", async () => {
    const openedMark = calls!.mark();
    const faultId = await openProviderBreaker(a!);
    const sinceOpen = new Date();
    const afterOpen = calls!.mark();
    const ms = await clearAndTimeRecovery(b!, faultId);
    const probeCalls = calls!.forKey(KEY, afterOpen);
    console.log(
      `[timer-probes] fault cleared -> provider breaker closed in ${ms} ms with no client traffic ` +
        `(${probeCalls.length} probe(s) after the opening; ${afterOpen - openedMark} calls to open it)`,
    );
    const prisma = getPrisma();
    const claims = await prisma.breakerEvent.count({
      where: {
        scopeKey: "provider:deepseek",
        createdAt: { gte: sinceOpen },
        reason: "retry time reached; the gateway probes",
      },
    });
    // Each call after the opening was a claimed probe: two instances, never two probes per claim.
    expect(probeCalls.length).toBeGreaterThanOrEqual(1);
    expect(claims).toBe(probeCalls.length);
    const probes = await prisma.gatewayProbe.findMany({
      where: { scopeKey: "provider:deepseek", createdAt: { gte: sinceOpen } },
      orderBy: { id: "asc" },
    });
    await waitFor(
      async () =>
        (await prisma.gatewayProbe.count({
          where: { scopeKey: "provider:deepseek", createdAt: { gte: sinceOpen } },
        })) === probeCalls.length,
      { what: "every probe recorded" },
    );
    const last = (
      await prisma.gatewayProbe.findMany({
        where: { scopeKey: "provider:deepseek", createdAt: { gte: sinceOpen } },
        orderBy: { id: "desc" },
        take: 1,
      })
    )[0]!;
    expect(probes.length).toBeLessThanOrEqual(probeCalls.length);
    expect(last).toMatchObject({ model: MODEL, httpStatus: 200, errorClass: null });
    expect(last.completionTokens).toBeLessThanOrEqual(1);
    expect(last.upstreamCostPicos).toBeGreaterThan(0n);
    console.log(
      `[timer-probes] the closing probe: ${last.promptTokens} prompt + ${last.completionTokens} completion tokens, ` +
        `${last.upstreamCostPicos} pico-dollars, the gateway's own (GatewayProbe), ${last.latencyMs} ms`,
    );
    // The gateway's cost, never a tenant's: no usage row on this key since the opening.
    expect(
      await prisma.usageRecord.count({
        where: { createdAt: { gte: sinceOpen }, credentialId: last.credentialId },
      }),
    ).toBe(0);
    expect(await prisma.usageRecord.count({ where: { requestId: { startsWith: "probe-" } } })).toBe(
      0,
    );

    // The page's rule told as alerts: down once, serving again once, for the whole cluster
    // (whichever instance wrote the change speaks; the other only learns it).
    const providerAlerts = () => hook!.alerts.filter((x) => x.kind.startsWith("provider_"));
    await waitFor(async () => providerAlerts().some((x) => x.kind === "provider_recovered"), {
      what: "the provider_recovered alert",
    });
    expect(providerAlerts().map((x) => x.kind)).toEqual(["provider_down", "provider_recovered"]);
    expect(providerAlerts()[0]!.text).toMatch(/^:red_circle: provider deepseek is down: /);
    expect(providerAlerts()[0]!.text).not.toContain(KEY);
  });

  it("answers 503 with Retry-After and a short body while the provider is down, the detail in the request log", async () => {
    const faultId = await openProviderBreaker(a!);
    const res = await chat(a!);
    expect(res.status).toBe(503);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const text = await res.text();
    const { error } = JSON.parse(text) as {
      error: { code: string; message: string; providers_skipped: unknown[] };
    };
    const credentials = (await (
      await fetch(`${a!.url}/api/admin/credentials`, {
        headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` },
      })
    ).json()) as { data: { provider: string; label: string; last4: string }[] };
    const label = credentials.data.find(
      (c) => c.provider === "deepseek" && c.last4 === KEY.slice(-4),
    )!.label;
    expect(error.code).toBe("no_provider_available");
    expect(error.message).toContain("deepseek");
    expect(text).not.toContain(label);
    expect(text.length).toBeLessThan(1_000);
    const requestId = res.headers.get("x-request-id")!;
    const row = await waitFor(() => getPrisma().usageRecord.findUnique({ where: { requestId } }), {
      what: "the 503 in the request log",
    });
    expect(row.httpStatus).toBe(503);
    expect(row.failoverTrail).toContain(`deepseek/${label}`);
    console.log(
      `[timer-probes] 503 while down: Retry-After ${retryAfter} s, ${text.length}-byte body; request log: ${row.failoverTrail}`,
    );
    await clearAndTimeRecovery(a!, faultId);
  });

  it("resumes from the stored state after a restart", async () => {
    const faultId = await openProviderBreaker(a!);
    await Promise.all([a!.stop(), b!.stop()]);
    a = b = undefined;
    sim!.control.clearFault(faultId);
    a = await startGatewayProcess({ env: env() });
    const clearedAt = Date.now();
    await waitFor(async () => (await deepseekState(a!)) === "closed", {
      timeoutMs: 30_000,
      intervalMs: 10,
      what: "the provider breaker to close after a restart with no traffic",
    });
    console.log(
      `[timer-probes] after a restart: closed ${Date.now() - clearedAt} ms after the new instance was ready`,
    );
  });

  it("takes over a probe that an instance took and never answered, with no client request", async () => {
    await a?.stop();
    a = undefined;
    // What an instance that died mid-probe leaves behind: the provider breaker half-open.
    const prisma = getPrisma();
    const stored = await prisma.breakerState.findUnique({
      where: { scopeKey: "provider:deepseek" },
    });
    await prisma.breakerState.upsert({
      where: { scopeKey: "provider:deepseek" },
      create: {
        scopeKey: "provider:deepseek",
        scope: "provider",
        scopeId: "deepseek",
        providerId: "deepseek",
        state: "half_open",
        lastErrorClass: "server_error",
        failures: 1,
        probes: 0,
        openedAt: new Date(),
        version: 1,
      },
      update: {
        state: "half_open",
        lastErrorClass: "server_error",
        failures: 1,
        openedAt: new Date(),
        retryAt: null,
        version: (stored?.version ?? 0) + 1,
      },
    });
    const since = new Date();
    const mark = calls!.mark();
    a = await startGatewayProcess({ env: { ...env(), GATEWAY_BREAKER_PROBE_TIMEOUT_MS: "1000" } });
    const readyAt = Date.now();
    await waitFor(async () => (await deepseekState(a!)) === "closed", {
      timeoutMs: 30_000,
      intervalMs: 10,
      what: "the orphaned half-open provider breaker to close with no traffic",
    });
    const retaken = await prisma.breakerEvent.count({
      where: {
        scopeKey: "provider:deepseek",
        createdAt: { gte: since },
        reason: { contains: "never answered" },
      },
    });
    console.log(
      `[timer-probes] orphaned half-open: closed ${Date.now() - readyAt} ms after the instance was ready (probe timeout 1000 ms)`,
    );
    // One take-over, one probe, and it was the gateway's: no client sent anything.
    expect(retaken).toBe(1);
    expect(calls!.forKey(KEY, mark)).toHaveLength(1);
  });
});
