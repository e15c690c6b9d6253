/**
 * One scenario, start to finish: faults in, sample requests checked, warm-up, measured
 * load, low-concurrency probe (stream TTFB, attempts), faults out. Knows nothing about
 * which scenario it runs.
 */
import { processCpuMs, watchForeignLoad } from "./cpu";
import { sampleMemory } from "./processes";
import type { Row } from "./report";
import type { Scenario } from "./scenarios";
import type { SimulatorProcess } from "./servers";
import { runLoad, type LoadTool } from "./load";
import { probe } from "./probe";

export interface RunOptions {
  tool: LoadTool;
  connections: number;
  durationS: number;
  warmupS: number;
  probeConnections: number;
  probeDurationS: number;
}

export interface ServingProcess {
  origin: string;
  pid: number;
  /** Postgres backends working for it, counted as its load rather than a neighbour's. */
  databasePids(): Promise<number[]>;
  /** Bearer token the target accepts: a tenant key for the gateway, a provider key for the simulator. */
  apiKey: string;
}

const SAMPLES = 4;

/** Sequential requests before the load: proves the path answers 200 and shows how many attempts it takes. */
async function sampleRequests(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ attempts: string[]; failures: string[] }> {
  const attempts: string[] = [];
  const failures: string[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const res = await fetch(url, {
      method: "POST",
      headers,
      body,
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    attempts.push(res.headers.get("x-gateway-attempts") ?? "-");
    if (res.status !== 200) failures.push(`${res.status} ${text.slice(0, 200)}`);
  }
  return { attempts, failures };
}

export async function runScenario(
  scenario: Scenario,
  target: ServingProcess,
  sim: SimulatorProcess,
  opts: RunOptions,
): Promise<Row> {
  const url = target.origin + scenario.path;
  const headers = { "content-type": "application/json", authorization: `Bearer ${target.apiKey}` };
  const body = JSON.stringify(scenario.body);
  const row: Row = {
    scenario: scenario.name,
    target: scenario.target,
    kind: scenario.kind,
    connections: opts.connections,
    requests: 0,
    rps: 0,
    p50Ms: NaN,
    p99Ms: NaN,
    errors: 0,
  };
  const notes: string[] = [];
  const undo = await scenario.setup?.(sim);
  let memory: ReturnType<typeof sampleMemory> | undefined;
  try {
    const samples = await sampleRequests(url, headers, body);
    if (samples.failures.length > 0)
      throw new Error(
        `${samples.failures.length}/${SAMPLES} sample requests failed, first: ${samples.failures[0]}`,
      );
    if (scenario.sampleAttempts) {
      row.sampleAttempts = samples.attempts;
      const seen = [...new Set(samples.attempts)].sort().join(",");
      const expected = [...scenario.sampleAttempts].sort().join(",");
      if (seen !== expected)
        notes.push(`PREMISE BROKEN: expected attempts {${expected}}, saw {${seen}}`);
    }

    memory = sampleMemory(target.pid);
    const spec = { url, headers, body, connections: opts.connections };
    await runLoad(opts.tool, { ...spec, durationS: opts.warmupS });
    const cpu = watchForeignLoad(await target.databasePids());
    const cpuMs0 = processCpuMs(target.pid);
    const load = await runLoad(opts.tool, { ...spec, durationS: opts.durationS });
    const cpuMs = processCpuMs(target.pid) - cpuMs0;
    const foreign = cpu.stop();
    if (load.requests > 0 && !Number.isNaN(cpuMs)) row.cpuMsPerRequest = cpuMs / load.requests;
    const mem = memory.stop();
    row.cpu = foreign;
    if (foreign && foreign.databasePct >= 1)
      notes.push(`its Postgres backends used ${foreign.databasePct.toFixed(0)}% of the machine`);
    Object.assign(row, {
      requests: load.requests,
      rps: load.rps,
      p50Ms: load.p50Ms,
      p99Ms: load.p99Ms,
      errors: load.errors,
    });
    row.rssPeakMiB = mem.hwmMiB ?? mem.sampledPeakMiB;
    row.rssSource = mem.hwmMiB !== undefined ? "VmHWM" : "sampled VmRSS";

    // Requests wrk cut off at its end may still be starting upstream calls: let them settle first.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await sim.resetStats();
    const p = await probe({
      origin: target.origin,
      path: scenario.path,
      headers,
      body,
      connections: opts.probeConnections,
      durationS: opts.probeDurationS,
      maxRequests: 20_000,
    });
    const upstream = await sim.stats();
    row.errors += p.errors;
    row.upstreamCallsPerRequest = p.requests > 0 ? upstream.total / p.requests : undefined;
    row.meanAttemptsHeader = Number.isNaN(p.meanAttempts) ? undefined : p.meanAttempts;
    // For a JSON answer the first chunk is (nearly) the whole answer: latency without queueing.
    Object.assign(row, { probeFirstByteP50Ms: p.ttfbP50Ms, probeFirstByteP99Ms: p.ttfbP99Ms });
    if (scenario.kind === "stream")
      Object.assign(row, { ttfbP50Ms: p.ttfbP50Ms, ttfbP99Ms: p.ttfbP99Ms });
    // Upstream calls the gateway does not own up to in its header would be hidden retries.
    if (
      row.meanAttemptsHeader !== undefined &&
      row.upstreamCallsPerRequest !== undefined &&
      Math.abs(row.meanAttemptsHeader - row.upstreamCallsPerRequest) > 0.02
    ) {
      notes.push(
        `x-gateway-attempts averages ${row.meanAttemptsHeader.toFixed(2)} but the simulator saw ${row.upstreamCallsPerRequest.toFixed(2)} calls per request`,
      );
    }
  } catch (err) {
    notes.push(`FAILED: ${(err as Error).message.split("\n")[0]}`);
  } finally {
    memory?.stop();
    await undo?.();
  }
  if (notes.length) row.note = notes.join("; ");
  return row;
}
