/**
 * The two servers under test, each in its own process so neither shares an event loop with
 * the other or with the load generator: the provider simulator (scripts/simulator.ts) and
 * the product (scripts/start.ts, exactly what `npm start` runs).
 */
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FaultSpec, SimStats } from "../../lib/simulator/faults";
import { spawnTsx, stopChild, waitForOutput } from "./processes";
import { DEEPSEEK_KEYS, type SimulatorHandle } from "./scenarios";

/** Generous: start.ts builds the app first if a source changed since the bench's own check. */
const READY_TIMEOUT_MS = 300_000;

async function call(url: string, init: RequestInit = {}): Promise<string> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  if (!res.ok)
    throw new Error(`${init.method ?? "GET"} ${url} -> ${res.status}: ${text.slice(0, 500)}`);
  return text;
}

export interface SimulatorProcess extends SimulatorHandle {
  pid: number;
  stats(): Promise<SimStats>;
  resetStats(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSimulatorProcess(): Promise<SimulatorProcess> {
  const child = spawnTsx("scripts/simulator.ts", {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    PORT: "0",
    HOST: "127.0.0.1",
  });
  const { ready } = waitForOutput(child, /listening on (http:\/\/[\d.]+:\d+)/, "simulator", 60_000);
  const url = (await ready)[1]!;
  const json = { "content-type": "application/json" };
  return {
    url,
    pid: child.pid!,
    async setFault(spec: FaultSpec) {
      return (
        JSON.parse(
          await call(`${url}/_sim/faults`, {
            method: "POST",
            headers: json,
            body: JSON.stringify(spec),
          }),
        ) as { id: string }
      ).id;
    },
    async clearFault(id) {
      await call(`${url}/_sim/faults/${encodeURIComponent(id)}`, { method: "DELETE" });
    },
    async stats() {
      return JSON.parse(await call(`${url}/_sim/stats`)) as SimStats;
    },
    async resetStats() {
      await call(`${url}/_sim/stats/reset`, { method: "POST" });
    },
    stop: () => stopChild(child),
  };
}

export interface GatewayProcess {
  url: string;
  pid: number;
  door: "node" | "next";
  /** A tenant key issued through the admin API of this instance. */
  tenantKey: string;
  output(): string;
  stop(): Promise<void>;
}

export interface GatewayOptions {
  door: "node" | "next";
  databaseUrl: string;
  adminApiKey: string;
  simulatorUrl: string;
}

export async function startGatewayProcess(opts: GatewayOptions): Promise<GatewayProcess> {
  // Its own data dir: instance secrets and the usage journal must not touch the developer's .data/.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "gw-bench-"));
  const sim = (provider: string) => `${opts.simulatorUrl}/${provider}/v1`;
  const child: ChildProcess = spawnTsx("scripts/start.ts", {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: "0",
    LOG_LEVEL: "warn",
    DATABASE_URL: opts.databaseUrl,
    ADMIN_API_KEY: opts.adminApiKey,
    GATEWAY_DATA_DIR: dataDir,
    GATEWAY_V1_DOOR: opts.door,
    // Real provider mode, with every provider's traffic going to the separate simulator.
    GATEWAY_SIMULATED_PROVIDERS: "0",
    DEEPSEEK_API_KEY: DEEPSEEK_KEYS.join(","),
    DEEPSEEK_BASE_URL: sim("deepseek"),
    OPENAI_API_KEY: "sk-bench-openai-1",
    OPENAI_BASE_URL: sim("openai"),
    OPENROUTER_API_KEY: "sk-bench-openrouter-1",
    OPENROUTER_BASE_URL: sim("openrouter"),
  });
  // On exit, however it comes (stop, crash, the bench's Ctrl-C handler), its data dir goes too.
  child.once("exit", () => rmSync(dataDir, { recursive: true, force: true }));
  const stop = () => stopChild(child);
  const { ready, output } = waitForOutput(
    child,
    /ready at http:\/\/localhost:(\d+)/,
    `gateway (${opts.door} door)`,
    READY_TIMEOUT_MS,
  );
  try {
    // It listens on 0.0.0.0; "localhost" may resolve to ::1 for the load generator.
    const url = `http://127.0.0.1:${(await ready)[1]}`;
    const tenantKey = await issueTenantKey(
      url,
      opts.adminApiKey,
      `bench-${opts.door}-${Date.now()}`,
    );
    return { url, pid: child.pid!, door: opts.door, tenantKey, output, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function issueTenantKey(url: string, adminApiKey: string, name: string): Promise<string> {
  const headers = { authorization: `Bearer ${adminApiKey}`, "content-type": "application/json" };
  const tenant = JSON.parse(
    await call(`${url}/api/admin/tenants`, {
      method: "POST",
      headers,
      body: JSON.stringify({ name }),
    }),
  ) as { id: string };
  const key = JSON.parse(
    await call(`${url}/api/admin/tenants/${tenant.id}/keys`, {
      method: "POST",
      headers,
      body: "{}",
    }),
  ) as { key: string };
  return key.key;
}
