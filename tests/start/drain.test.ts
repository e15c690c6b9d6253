/**
 * SIGTERM under keep-alive load, through both doors and started as an operator does
 * (`npm start`, `npm run start:next`): the signal reaches the server through npm and
 * its shell, every request gets a complete answer or is refused on a new connection
 * (none is cut mid-response), requests and streams in flight at the signal finish,
 * every answered request is metered, and the process exits 0 within the drain deadline.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { startSimulator, type Simulator } from "@/lib/simulator";
import {
  issueTenantKey,
  startGatewayProcess,
  type GatewayProcess,
} from "../support/gateway-process";
import { keepAliveLoad } from "../support/keep-alive-load";
import { simProviderEnv } from "../support/sim-provider-env";
import { waitFor } from "../support/wait-for";

const DRAIN_MS = 8_000;
/** After the drain: the meter's flush, the pools, the exit. */
const CLOSE_MS = 5_000;

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
  // Slow enough that streams and answers are in flight when the signal comes.
  sim.control.setFault({ match: { provider: "deepseek" }, latencyMs: 40, stream: { dripMs: 25 } });
});
afterAll(async () => {
  await sim.close();
});

describe.each([
  { door: "node", via: "npm start" },
  { door: "next-start", via: "npm run start:next" },
] as const)("SIGTERM through $via", ({ door }) => {
  let gw: GatewayProcess;

  beforeAll(async () => {
    gw = await startGatewayProcess({
      door,
      viaNpm: true,
      env: simProviderEnv(
        sim,
        { deepseek: [`sk-drain-${door}`] },
        { GATEWAY_DRAIN_TIMEOUT_MS: String(DRAIN_MS), LOG_LEVEL: "info" },
      ),
    });
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it("drains keep-alive load: nothing cut, in-flight work finished and metered, exit 0 in time", async () => {
    const { key } = await issueTenantKey(gw.url, `drain-${door}`);
    const load = keepAliveLoad({
      url: gw.url,
      key,
      model: "deepseek/deepseek-chat",
      workers: 6,
      streamEvery: 2,
    });
    await waitFor(async () => load.tally.completed.length >= 30, {
      timeoutMs: 30_000,
      what: "30 answers under load",
    });

    const signalAt = Date.now();
    gw.kill("SIGTERM");
    const exit = await gw.exited;
    const exitedAfterMs = Date.now() - signalAt;
    const tally = await load.done;

    expect(exit).toEqual({ code: 0, signal: null });
    expect(exitedAfterMs).toBeLessThan(DRAIN_MS + CLOSE_MS);
    expect(tally.failures).toEqual([]);
    // Every worker ended refused on a new connection, none on a reset or a cut answer.
    expect(tally.refused).toBe(6);
    // Work in flight at the signal ran to its end, streams included.
    const spanning = tally.completed.filter(
      (c) => c.startedAt < signalAt && c.finishedAt > signalAt,
    );
    expect(spanning.length).toBeGreaterThan(0);
    expect(spanning.some((c) => c.stream)).toBe(true);
    // The meter flushed before the exit: one usage row per answer.
    const ids = tally.completed.map((c) => c.requestId);
    const rows = await getPrisma().usageRecord.count({ where: { requestId: { in: ids } } });
    expect(rows).toBe(ids.length);
    expect(gw.output()).toMatch(/drained/);
  }, 90_000);
});
