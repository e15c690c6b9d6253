/**
 * Two loaded instances see the same key die at the same moment. Each opens its breaker
 * on its own 401s before the other's broadcast arrives; the stored state decides which
 * transition really happened, so the cluster sends exactly one alert for the opening and
 * one for the quarantine, and the clients never see an error.
 */
import { randomUUID } from "node:crypto";
import OpenAI from "openai";
import { afterAll, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { PROVIDER_ERRORS, startSimulator, type Simulator } from "@/lib/simulator";
import {
  alertRowsSince,
  breakerStateInMemory,
  credentialForKey,
  resetProviderBreakers,
} from "../support/breakers";
import {
  issueTenantKey,
  startGatewayProcess,
  type GatewayProcess,
} from "../support/gateway-process";
import { describeErrors, runLoad, sendChat } from "../support/load";
import { recordSimCalls } from "../support/sim-call-log";
import { waitFor } from "../support/wait-for";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

const procs: GatewayProcess[] = [];
let sim: Simulator | undefined;
let hook: WebhookReceiver | undefined;
afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop()));
  await hook?.close();
  await sim?.close();
});

it("alerts once per transition across two instances that both saw the key die", async () => {
  sim = await startSimulator();
  const calls = recordSimCalls(sim);
  hook = await startWebhookReceiver();
  await resetProviderBreakers();
  const tag = randomUUID().slice(0, 8);
  const dead = `sk-cluster-${tag}-k1-dead`;
  const alive = `sk-cluster-${tag}-k2-live`;
  const env = {
    GATEWAY_SIMULATED_PROVIDERS: "0",
    DEEPSEEK_API_KEY: `${dead},${alive}`,
    DEEPSEEK_BASE_URL: sim.baseUrlFor("deepseek"),
    ALERT_WEBHOOK_URL: hook.url,
    GATEWAY_BREAKER_AUTH_PROBE_MS: "1000",
    // Breaker transitions are logged at info; a failure message below quotes them.
    LOG_LEVEL: "info",
  };
  const [a, b] = await Promise.all([startGatewayProcess({ env }), startGatewayProcess({ env })]);
  procs.push(a!, b!);
  const since = new Date();
  const issued = await issueTenantKey(a!.url, `cluster-alerts-${tag}`);
  const clients = [a!, b!].map(
    (gw) => new OpenAI({ apiKey: issued.key, baseURL: `${gw.url}/v1`, maxRetries: 0 }),
  );
  const credential = await credentialForKey(a!.url, "deepseek", dead);

  // Both instances under load; the key dies a moment in, for both at once.
  let faultAt = 0;
  const bothQuarantined = async () =>
    (await breakerStateInMemory(a!.url, credential.id)) === "quarantined" &&
    (await breakerStateInMemory(b!.url, credential.id)) === "quarantined";
  let done = false;
  const loads = clients.map((client, i) =>
    runLoad({
      total: 50_000,
      concurrency: 8,
      request: (n) => {
        if (i === 0 && n === 200 && faultAt === 0) {
          faultAt = calls.mark();
          sim!.control.setFault({ match: { key: dead }, ...PROVIDER_ERRORS.openai.invalidApiKey });
        }
        return sendChat(client, "deepseek/deepseek-chat");
      },
      stop: () => done,
    }),
  );
  await waitFor(async () => faultAt !== 0 && (await bothQuarantined()), {
    timeoutMs: 20_000,
    intervalMs: 100,
    what: "the dead key quarantined on both instances",
  }).catch(async (err: Error) => {
    // Say where each instance and storage stood, and what each instance logged about it.
    const events = await getPrisma().breakerEvent.findMany({
      where: { scopeKey: `credential:${credential.id}` },
      orderBy: { id: "asc" },
    });
    const states = `A=${await breakerStateInMemory(a!.url, credential.id)} B=${await breakerStateInMemory(b!.url, credential.id)}`;
    const stored = events.map((e) => `${e.fromState}->${e.toState} (${e.reason})`).join("; ");
    const breakerLines = (gw: GatewayProcess) =>
      gw
        .output()
        .split("\n")
        .filter((l) => l.includes("breaker"))
        .join("\n");
    throw new Error(
      `${err.message}\n${states}\nstored: ${stored}\nA:\n${breakerLines(a!)}\nB:\n${breakerLines(b!)}`,
    );
  });
  done = true;
  const results = await Promise.all(loads);
  for (const r of results) expect(r.errors, describeErrors(r.errors)).toHaveLength(0);

  // Every stored alert delivered, then count: one opening, one quarantine, cluster-wide.
  const rows = await waitFor(
    async () => {
      const list = await alertRowsSince(since);
      return list.length >= 2 && list.every((r) => r.deliveredAt !== null) ? list : undefined;
    },
    { what: "alerts delivered" },
  );
  expect(rows.map((r) => r.kind).sort()).toEqual(["breaker_opened", "breaker_quarantined"]);
  expect(hook.alerts.map((x) => x.kind).sort()).toEqual(["breaker_opened", "breaker_quarantined"]);

  // Probes: at most one per instance, however the two raced.
  const after = calls.forKey(dead, faultAt);
  expect(after.length).toBeGreaterThan(0);
  expect(after.filter((c) => c.at >= after[0]!.at + 900).length).toBeLessThanOrEqual(2);
});
