/**
 * The benchmark's output: one Markdown table (printed and written to
 * bench-results/latest.md) and the same rows, unrounded, in latest.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Kind, Target } from "./scenarios";

export interface Row {
  scenario: string;
  target: Target;
  kind: Kind;
  connections: number;
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Versus the scenario's simulator baseline at the same connection count. */
  addedP50Ms?: number;
  addedP99Ms?: number;
  ttfbP50Ms?: number;
  ttfbP99Ms?: number;
  /** Time to the first body chunk in the low-concurrency probe, for every kind (JSON only in latest.json). */
  probeFirstByteP50Ms?: number;
  probeFirstByteP99Ms?: number;
  /** CPU time (user + system) of the serving process per completed request, during the measured load. */
  cpuMsPerRequest?: number;
  /** Load errors plus probe errors. */
  errors: number;
  /** Simulator calls per request during the probe (2 = every request failed over once). */
  upstreamCallsPerRequest?: number;
  /** Mean `x-gateway-attempts` during the probe: should equal the calls per request. */
  meanAttemptsHeader?: number;
  /** `x-gateway-attempts` of the sample requests, in order. */
  sampleAttempts?: string[];
  /** Peak RSS of the process serving the scenario (the gateway, or the simulator for the baseline). */
  rssPeakMiB?: number;
  rssSource?: string;
  /** CPU share (of the whole machine) of the benchmark's processes and of everything else, during the measurement. */
  cpu?: { ownPct: number; foreignPct: number; databasePct: number };
  note?: string;
}

export interface RunInfo {
  startedAt: string;
  command: string;
  node: string;
  cpus: string;
  loadTool: string;
  connections: number;
  durationS: number;
  warmupS: number;
  probeConnections: number;
  probeDurationS: number;
  database: string;
  commit: string;
}

const fmt = (v: number | undefined, digits = 2) =>
  v === undefined || Number.isNaN(v) ? "—" : v.toFixed(digits);
const signed = (v: number | undefined) =>
  v === undefined || Number.isNaN(v) ? "—" : `${v >= 0 ? "+" : ""}${v.toFixed(2)}`;

export function renderMarkdown(info: RunInfo, rows: readonly Row[]): string {
  const head = [
    "| scenario | req/s | p50 ms | p99 ms | added p50 ms | added p99 ms | TTFB p50 ms | TTFB p99 ms | upstream calls/req | errors | RSS peak MiB | CPU ms/req | others' CPU % |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
  ];
  const body = rows.map((r) =>
    [
      r.scenario,
      r.rps ? Math.round(r.rps).toLocaleString("en-US") : "—",
      fmt(r.p50Ms),
      fmt(r.p99Ms),
      signed(r.addedP50Ms),
      signed(r.addedP99Ms),
      fmt(r.ttfbP50Ms),
      fmt(r.ttfbP99Ms),
      fmt(r.upstreamCallsPerRequest),
      String(r.errors),
      fmt(r.rssPeakMiB, 0),
      fmt(r.cpuMsPerRequest, 3),
      fmt(r.cpu?.foreignPct, 0),
    ].join(" | "),
  );
  const notes = rows
    .filter((r) => r.note || r.sampleAttempts)
    .map(
      (r) =>
        `- ${r.scenario}: ${[r.sampleAttempts ? `sample x-gateway-attempts ${r.sampleAttempts.join(",")}` : "", r.note ?? ""].filter(Boolean).join("; ")}`,
    );
  return [
    `# Gateway benchmark, ${info.startedAt}`,
    "",
    `\`${info.command}\` at ${info.commit}; Node ${info.node}; ${info.cpus}; load: ${info.loadTool}, ${info.connections} connections, ${info.warmupS} s warm-up + ${info.durationS} s per scenario; probe (TTFB, attempts): ${info.probeConnections} undici connections for ${info.probeDurationS} s; database: ${info.database}.`,
    "",
    ...head.map((l) => `${l}`),
    ...body.map((l) => `| ${l} |`),
    "",
    '- Loopback, closed loop: latency is per request at that many connections, so "added" (gateway minus the simulator called directly, same kind, same connections) includes queueing, not only the gateway\'s own work.',
    "- TTFB: time to the first body chunk of a stream, from the probe at low concurrency. RSS: peak of the serving process during warm-up + measurement (VmHWM reset per scenario where the kernel allows it, else VmRSS sampled every 200 ms); the simulator's own for its rows.",
    "- others' CPU %: share of the whole machine used by processes outside the benchmark during the measurement (other users' builds and tests); above a few percent, req/s and latency are understated.",
    "- CPU ms/req: user + system CPU of the serving process per completed request (10 ms clock ticks over the whole run), the figure a busy neighbour moves least.",
    "- upstream calls/req: simulator calls divided by requests during the probe (all of which complete); 2.00 would mean every request failed over once.",
    ...notes,
    "",
  ].join("\n");
}

export function writeResults(
  dir: string,
  info: RunInfo,
  rows: readonly Row[],
  markdown: string,
): string[] {
  mkdirSync(dir, { recursive: true });
  const md = path.join(dir, "latest.md");
  const json = path.join(dir, "latest.json");
  writeFileSync(md, markdown);
  writeFileSync(json, JSON.stringify({ info, rows }, null, 2) + "\n");
  return [md, json];
}
