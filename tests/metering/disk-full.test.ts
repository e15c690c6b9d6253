/**
 * Durable before acknowledged, or not served: with Postgres away and the journal's disk
 * full (the gateway's files limited to 1 MiB with `ulimit -f`, so a journal write fails
 * with EFBIG as on a full disk), the gateway stops admitting metered requests (503 with
 * Retry-After, /ready red, /metrics says why, one alert) instead of answering requests it
 * cannot bill. Once Postgres is back every answered request is one usage row.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { startSimulator, type Simulator } from "@/lib/simulator";
import { startDbProxy, type DbProxy } from "../support/db-proxy";
import { metricSample } from "../support/gateway-observe";
import {
  issueTenantKey,
  startGatewayProcess,
  type GatewayProcess,
} from "../support/gateway-process";
import { simProviderEnv } from "../support/sim-provider-env";
import { waitFor } from "../support/wait-for";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

const MODEL = "deepseek/deepseek-chat";
const CONCURRENCY = 4;
/** `ulimit -f` blocks of 512 bytes: 1 MiB, far below a journal segment (16 MiB). */
const MAX_FILE_BLOCKS = 2048;

let sim: Simulator;
let proxy: DbProxy;
let hook: WebhookReceiver;
let gateway: GatewayProcess | undefined;

beforeAll(async () => {
  sim = await startSimulator();
  proxy = await startDbProxy(process.env.DATABASE_URL!);
  hook = await startWebhookReceiver();
});
afterAll(async () => {
  await gateway?.stop();
  await proxy?.close();
  await sim?.close();
  await hook?.close();
});

describe("the journal's disk full while Postgres is away", () => {
  it("refuses metered requests with 503 instead of serving them unbilled, and bills every answered one once Postgres is back", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "gw-disk-full-"));
    gateway = await startGatewayProcess({
      env: {
        ...simProviderEnv(sim, { deepseek: ["sk-ds-diskfull-0001"] }),
        DATABASE_URL: proxy.url,
        GATEWAY_DATA_DIR: dataDir,
        GATEWAY_DB_CONNECT_TIMEOUT_MS: "4000",
        ALERT_WEBHOOK_URL: hook.url,
      },
      maxFileBlocks: MAX_FILE_BLOCKS,
    });
    const url = gateway.url;
    const { key } = await issueTenantKey(url, "disk-full");

    const answered: string[] = [];
    const refused: { retryAfter: string | null; code: string }[] = [];
    const other: number[] = [];
    let stop = false;
    const load = Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, worker) => {
        for (let i = 0; !stop; i++) {
          const res = await fetch(`${url}/v1/chat/completions`, {
            method: "POST",
            headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
            body: JSON.stringify({
              model: MODEL,
              messages: [{ role: "user", content: `disk full ${worker}-${i} ${"x".repeat(200)}` }],
            }),
          }).catch(() => undefined);
          if (!res) continue;
          const body = (await res.json()) as { error?: { code?: string } };
          if (res.status === 200) answered.push(res.headers.get("x-request-id")!);
          else if (res.status === 503 && body.error?.code === "service_unavailable")
            refused.push({ retryAfter: res.headers.get("retry-after"), code: body.error.code });
          else other.push(res.status);
          // Refusals come back at once: a client would wait Retry-After; this one only yields.
          if (res.status === 503) await new Promise((r) => setImmediate(r));
        }
      }),
    );
    await waitFor(async () => answered.length >= 20, { timeoutMs: 20_000, what: "load" });
    proxy.down();

    // The journal fills its 1 MiB, then the meter can write nowhere.
    await waitFor(async () => refused.length >= 50, {
      timeoutMs: 90_000,
      what: "metered requests refused once the journal's disk is full",
    });
    const ready = await fetch(`${url}/ready`);
    const readiness = (await ready.json()) as {
      meter: { admitting: boolean; journalFailure: string; held: number };
    };
    expect(ready.status).toBe(503);
    expect(readiness.meter).toMatchObject({ admitting: false, journalFailure: "disk_full" });
    expect(await metricSample(url, "gateway_usage_meter_admitting", {})).toBe(0);
    expect(await metricSample(url, "gateway_usage_journal_failure", { reason: "disk_full" })).toBe(
      1,
    );
    expect(refused.every((r) => r.retryAfter === "5")).toBe(true);
    const unwritable = await waitFor(
      async () =>
        hook.alerts.find((a) => a.kind === "usage_meter_unwritable" && a.state === "unwritable"),
      { timeoutMs: 10_000, what: "the meter-unwritable alert" },
    );
    expect(unwritable.reason).toBe("disk_full");

    proxy.up();
    await waitFor(async () => (await fetch(`${url}/ready`)).status === 200, {
      timeoutMs: 30_000,
      what: "/ready green once Postgres takes writes",
    });
    const afterRecovery = answered.length;
    await waitFor(async () => answered.length >= afterRecovery + 20, {
      timeoutMs: 20_000,
      what: "requests served again",
    });
    stop = true;
    await load;

    const rows = async () =>
      getPrisma().usageRecord.count({ where: { requestId: { in: answered } } });
    await waitFor(async () => (await rows()) === answered.length, {
      timeoutMs: 30_000,
      what: `${answered.length} usage rows`,
    }).catch(() => undefined);
    const stored = await rows();
    const output = gateway.output();
    console.log(
      `[disk-full] ${answered.length} answered, ${stored} rows, ${answered.length - stored} unbilled; ${refused.length} refused with 503; other statuses: ${other.length}`,
    );
    expect(stored).toBe(answered.length);
    expect(other).toEqual([]);
    // One line per state change, never one per request.
    expect(output.match(/metered requests refused/g)?.length).toBe(1);
    expect(output.match(/journal cannot be written/g)?.length).toBe(1);
    expect(output).not.toMatch(/unhandled|UnhandledPromiseRejection/i);
    await waitFor(
      async () =>
        hook.alerts.find((a) => a.kind === "usage_meter_unwritable" && a.state === "writable"),
      { timeoutMs: 10_000, what: "the meter-writable-again alert" },
    );
    expect(hook.alerts.filter((a) => a.kind === "usage_meter_unwritable")).toHaveLength(2);
  }, 240_000);
});
