/**
 * One scenario, start to finish: faults in, sample requests checked, warm-up, measured
 * load, stream TTFB, faults out. Knows nothing about which scenario it runs.
 */
import { watchForeignLoad } from "./cpu";
import { sampleMemory } from "./processes";
import type { Row } from "./report";
import type { Scenario } from "./scenarios";
import type { SimulatorProcess } from "./servers";
import { runLoad, type LoadTool } from "./load";
import { measureTtfb } from "./ttfb";

export interface RunOptions {
  tool: LoadTool;
  connections: number;
  durationS: number;
  warmupS: number;
  ttfbConnections: number;
  ttfbDurationS: number;
}

export interface ServingProcess {
  origin: string;
  pid: number;
  /** Bearer token the target accepts: a tenant key for the gateway, a provider key for the simulator. */
  apiKey: string;
}

const SAMPLES = 4;
/** Above this, something outside the benchmark competed for the CPU enough to matter. */
const FOREIGN_LOAD_WARN_PCT = 5;

/** Sequential requests before the load: proves the path answers 200 and shows how many attempts it takes. */
async function sampleRequests(url: string, headers: Record<string, string>, body: string): Promise<{ attempts: string[]; failures: string[] }> {
  const attempts: string[] = [];
  const failures: string[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const res = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(15_000) });
    const text = await res.text();
    attempts.push(res.headers.get("x-gateway-attempts") ?? "-");
    if (res.status !== 200) failures.push(`${res.status} ${text.slice(0, 200)}`);
  }
  return { attempts, failures };
}

export async function runScenario(scenario: Scenario, target: ServingProcess, sim: SimulatorProcess, opts: RunOptions): Promise<Row> {
  const url = target.origin + scenario.path;
  const headers = { "content-type": "application/json", authorization: `Bearer ${target.apiKey}` };
  const body = JSON.stringify(scenario.body);
  const row: Row = { scenario: scenario.name, target: scenario.target, kind: scenario.kind, connections: opts.connections, requests: 0, rps: 0, p50Ms: NaN, p99Ms: NaN, errors: 0 };
  const notes: string[] = [];
  const undo = await scenario.setup?.(sim);
  try {
    const samples = await sampleRequests(url, headers, body);
    if (samples.failures.length > 0) throw new Error(`${samples.failures.length}/${SAMPLES} sample requests failed, first: ${samples.failures[0]}`);
    if (scenario.sampleAttempts) {
      row.sampleAttempts = samples.attempts;
      const seen = [...new Set(samples.attempts)].sort().join(",");
      const expected = [...scenario.sampleAttempts].sort().join(",");
      if (seen !== expected) notes.push(`PREMISE BROKEN: expected attempts {${expected}}, saw {${seen}}`);
    }

    const memory = sampleMemory(target.pid);
    const spec = { url, headers, body, connections: opts.connections };
    await runLoad(opts.tool, { ...spec, durationS: opts.warmupS });
    await sim.resetStats();
    const cpu = watchForeignLoad();
    const load = await runLoad(opts.tool, { ...spec, durationS: opts.durationS });
    const foreign = cpu.stop();
    const upstream = await sim.stats();
    const mem = memory.stop();
    row.cpu = foreign;
    if (foreign && foreign.foreignPct >= FOREIGN_LOAD_WARN_PCT) notes.push(`other processes used ${foreign.foreignPct.toFixed(0)}% of the machine during the measurement`);

    Object.assign(row, { requests: load.requests, rps: load.rps, p50Ms: load.p50Ms, p99Ms: load.p99Ms, errors: load.errors });
    row.upstreamCallsPerRequest = load.requests > 0 ? upstream.total / load.requests : undefined;
    row.rssPeakMiB = mem.hwmMiB ?? mem.sampledPeakMiB;
    row.rssSource = mem.hwmMiB !== undefined ? "VmHWM" : `sampled VmRSS (${mem.processes} process(es))`;
    if (mem.processes > 1) notes.push(`${mem.processes} processes in the tree; sampled peak ${mem.sampledPeakMiB.toFixed(0)} MiB`);

    if (scenario.kind === "stream") {
      const ttfb = await measureTtfb({
        origin: target.origin,
        path: scenario.path,
        headers,
        body,
        connections: opts.ttfbConnections,
        durationS: opts.ttfbDurationS,
        maxRequests: 20_000,
      });
      Object.assign(row, { ttfbP50Ms: ttfb.p50Ms, ttfbP99Ms: ttfb.p99Ms, ttfbSamples: ttfb.samples });
      row.errors += ttfb.errors;
    }
  } catch (err) {
    notes.push(`FAILED: ${(err as Error).message.split("\n")[0]}`);
  } finally {
    await undo?.();
  }
  if (notes.length) row.note = notes.join("; ");
  return row;
}
