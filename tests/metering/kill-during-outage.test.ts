/**
 * Durable before acknowledged: under load, Postgres goes away (through a loopback
 * proxy), the gateway is killed with SIGKILL mid-outage, Postgres comes back and the
 * gateway restarts on the same data directory. Every response the clients received
 * becomes exactly one usage row: each was in the local journal before its answer left.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { startSimulator, type Simulator } from "@/lib/simulator";
import { startDbProxy, type DbProxy } from "../support/db-proxy";
import {
  issueTenantKey,
  startGatewayProcess,
  type GatewayProcess,
} from "../support/gateway-process";
import { simProviderEnv } from "../support/sim-provider-env";
import { waitFor } from "../support/wait-for";

const MODEL = "deepseek/deepseek-chat";
const CONCURRENCY = 4;

let sim: Simulator;
let proxy: DbProxy;
const gateways: GatewayProcess[] = [];

beforeAll(async () => {
  sim = await startSimulator();
  proxy = await startDbProxy(process.env.DATABASE_URL!);
});
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.stop()));
  await proxy?.close();
  await sim?.close();
});

describe("SIGKILL during a database outage", () => {
  it("loses no acknowledged usage: the restart replays the journal, each success becomes one row", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "gw-kill-"));
    const env = {
      ...simProviderEnv(sim, { deepseek: ["sk-ds-kill-0001"] }),
      GATEWAY_DATA_DIR: dataDir,
      GATEWAY_DB_CONNECT_TIMEOUT_MS: "4000",
    };
    const first = await startGatewayProcess({ env: { ...env, DATABASE_URL: proxy.url } });
    gateways.push(first);
    const key = (await issueTenantKey(first.url, "kill-during-outage")).key;
    const client = new OpenAI({ apiKey: key, baseURL: `${first.url}/v1`, maxRetries: 0 });

    const acknowledged: string[] = [];
    let killed = false;
    const load = Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, worker) => {
        for (let i = 0; !killed; i++) {
          try {
            const { response } = await client.chat.completions
              .create({
                model: MODEL,
                messages: [{ role: "user", content: `kill ${worker}-${i}` }],
              })
              .withResponse();
            // A response read in full is one the client was given: it must be metered.
            if (!killed) acknowledged.push(response.headers.get("x-request-id")!);
          } catch {
            // Requests cut by the kill were never acknowledged.
          }
        }
      }),
    );

    await waitFor(async () => acknowledged.length >= 20, {
      timeoutMs: 10_000,
      what: "load before the outage",
    });
    proxy.down();
    const before = acknowledged.length;
    await waitFor(async () => acknowledged.length >= before + 200, {
      timeoutMs: 20_000,
      what: "load during the outage",
    });
    process.kill(first.pid, "SIGKILL");
    killed = true;
    await load;
    await first.stop();

    proxy.up();
    const second = await startGatewayProcess({ env });
    gateways.push(second);
    const count = () =>
      getPrisma().usageRecord.count({ where: { requestId: { in: acknowledged } } });
    await waitFor(async () => (await count()) === acknowledged.length, {
      timeoutMs: 20_000,
      what: `${acknowledged.length} usage rows after the restart`,
    }).catch(() => undefined);
    const rows = await count();
    console.log(
      `[sigkill] ${acknowledged.length} acknowledged (${acknowledged.length - before} during the outage), ${rows} rows after restart, ${acknowledged.length - rows} lost`,
    );
    expect(rows).toBe(acknowledged.length);
  }, 90_000);
});
