/**
 * `npm run bench`: the gateway's throughput, latency, stream TTFB and memory through both
 * doors, against the provider simulator called directly as the baseline, on loopback.
 *
 *   npm run bench -- [--duration 10] [--connections 50] [--warmup 3] [--only failover]
 *                    [--probe-connections 4] [--probe-duration 3]
 *
 * Simulator, product server and load generator (wrk if installed, else autocannon) each
 * run in their own process. Scenarios live in scripts/bench/scenarios.ts. Results:
 * printed, and written to bench-results/latest.md and latest.json.
 *
 * Then the spend reports over the seeded usage database (scripts/bench-spend.ts; seed it
 * once with `npm run seed:usage`), and the auth-failures page over a storm of 800,000
 * events (scripts/bench-auth-failures.ts, seeded by itself). `--only spend` or
 * `--only authfail` runs that part alone.
 */
import { execSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { benchDatabase, type BenchDatabase } from "./bench/database";
import { loadToolVersion, pickLoadTool } from "./bench/load";
import { isStopping, stopAllChildren } from "./bench/processes";
import { renderMarkdown, writeResults, type Row, type RunInfo } from "./bench/report";
import { runScenario, type RunOptions, type ServingProcess } from "./bench/run-scenario";
import { DEEPSEEK_KEYS, SCENARIOS, type Scenario, type Target } from "./bench/scenarios";
import {
  startGatewayProcess,
  startSimulatorProcess,
  type GatewayProcess,
  type SimulatorProcess,
} from "./bench/servers";
import { benchAuthFailures } from "./bench-auth-failures";
import { benchSpend } from "./bench-spend";
import { buildIsFresh, ensureBuild } from "./ensure-build";

function intFlag(
  value: string | undefined,
  fallback: number,
  name: string,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`--${name} must be an integer from ${min} to ${max}, got ${value}`);
  return n;
}

function options() {
  const { values } = parseArgs({
    options: {
      duration: { type: "string" },
      connections: { type: "string" },
      warmup: { type: "string" },
      only: { type: "string" },
      "probe-connections": { type: "string" },
      "probe-duration": { type: "string" },
    },
  });
  const run: RunOptions = {
    tool: pickLoadTool(),
    durationS: intFlag(values.duration, 10, "duration", 1, 300),
    connections: intFlag(values.connections, 50, "connections", 1, 2000),
    warmupS: intFlag(values.warmup, 3, "warmup", 0, 60),
    probeConnections: intFlag(values["probe-connections"], 4, "probe-connections", 1, 64),
    probeDurationS: intFlag(values["probe-duration"], 3, "probe-duration", 1, 60),
  };
  // The baselines always run: the gateway rows' "added" latency is measured against them.
  const only = values.only
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const scenarios = only
    ? SCENARIOS.filter((s) => s.target === "simulator" || only.some((o) => s.name.includes(o)))
    : SCENARIOS;
  const reportOnly =
    only?.length === 1 && (only[0] === "spend" || only[0] === "authfail") ? only[0] : undefined;
  return { run, scenarios, argv: process.argv.slice(2), reportOnly };
}

function gitCommit(): string {
  try {
    const sha = execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim();
    const dirty =
      execSync("git status --porcelain --untracked-files=no", { encoding: "utf8" }).trim() !== "";
    return dirty ? `${sha} (+ uncommitted changes)` : sha;
  } catch {
    return "unknown commit";
  }
}

function withAddedLatency(rows: Row[], scenarios: readonly Scenario[]): void {
  for (const row of rows) {
    const baselineName = scenarios.find((s) => s.name === row.scenario)?.baseline;
    const base = rows.find((r) => r.scenario === baselineName);
    if (!base || !row.requests || !base.requests) continue;
    row.addedP50Ms = row.p50Ms - base.p50Ms;
    row.addedP99Ms = row.p99Ms - base.p99Ms;
  }
}

const failedRow = (s: Scenario, connections: number, why: string): Row => ({
  scenario: s.name,
  target: s.target,
  kind: s.kind,
  connections,
  requests: 0,
  rps: 0,
  p50Ms: NaN,
  p99Ms: NaN,
  errors: 0,
  note: `FAILED: ${why}`,
});

async function runTarget(
  target: Target,
  scenarios: Scenario[],
  sim: SimulatorProcess,
  db: BenchDatabase,
  adminApiKey: string,
  run: RunOptions,
): Promise<Row[]> {
  const rows: Row[] = [];
  if (target === "simulator") {
    const serving: ServingProcess = {
      origin: sim.url,
      pid: sim.pid,
      apiKey: DEEPSEEK_KEYS[1],
      databasePids: async () => [],
    };
    for (const s of scenarios) rows.push(await logged(s, () => runScenario(s, serving, sim, run)));
    return rows;
  }
  // Others may edit the tree while the bench runs. Building here (not inside start.ts) keeps
  // the build out of the gateway's start-up and out of any measurement, and says so.
  const rebuilt = !buildIsFresh();
  if (rebuilt) await buildWithRetry();
  console.log(`[bench] starting the product server, ${target} door`);
  let gateway: GatewayProcess;
  try {
    gateway = await startGatewayProcess({
      door: target,
      databaseUrl: db.url,
      adminApiKey,
      simulatorUrl: sim.url,
    });
  } catch (err) {
    const why = (err as Error).message;
    console.error(`[bench] gateway (${target} door) failed to start: ${why}`);
    return scenarios.map((s) => failedRow(s, run.connections, why.split("\n")[0]!));
  }
  try {
    const serving: ServingProcess = {
      origin: gateway.url,
      pid: gateway.pid,
      apiKey: gateway.tenantKey,
      databasePids: () => db.backendPids(),
    };
    for (const s of scenarios) rows.push(await logged(s, () => runScenario(s, serving, sim, run)));
  } finally {
    await gateway.stop();
  }
  if (rebuilt)
    for (const r of rows)
      r.note = [r.note, "sources changed during the run: rebuilt before this door"]
        .filter(Boolean)
        .join("; ");
  return rows;
}

/** A test run next door may be building the same `.next` right now; wait for it (bounded) and retry. */
async function buildWithRetry(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return ensureBuild();
    } catch (err) {
      if (attempt >= 6) throw err;
      console.warn(
        `[bench] build failed (${(err as Error).message}); retrying in 20 s (${attempt}/6)`,
      );
      await new Promise((resolve) => setTimeout(resolve, 20_000));
    }
  }
}

async function logged(s: Scenario, fn: () => Promise<Row>): Promise<Row> {
  console.log(`[bench] ${s.name} ...`);
  const row = await fn();
  const summary = row.requests
    ? `${Math.round(row.rps)} req/s, p50 ${row.p50Ms.toFixed(2)} ms, p99 ${row.p99Ms.toFixed(2)} ms, ${row.errors} errors`
    : "no measurement";
  console.log(`[bench] ${s.name}: ${summary}${row.note ? ` (${row.note})` : ""}`);
  return row;
}

let db: BenchDatabase | undefined;
let cleaning: Promise<void> | undefined;
/** Idempotent: the normal end, an error and Ctrl-C all come through here. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await stopAllChildren();
    await db
      ?.drop()
      .catch((err: Error) => console.error(`[bench] could not drop the database: ${err.message}`));
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`[bench] ${signal}: stopping child processes`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function main(): Promise<number> {
  const { run, scenarios, argv, reportOnly } = options();
  if (reportOnly === "spend") return (await benchSpend([])) === null ? 1 : 0;
  if (reportOnly === "authfail") return (await benchAuthFailures([])).length > 0 ? 0 : 1;
  const startedAt = new Date().toISOString();
  await buildWithRetry();
  // An admin key of the caller's, when given, so a shared DATABASE_URL keeps working for them.
  const adminApiKey =
    process.env.ADMIN_API_KEY ?? `gwadmin-bench-${randomBytes(24).toString("hex")}`;
  db = await benchDatabase();
  console.log(`[bench] database: ${db.description}; load generator: ${loadToolVersion(run.tool)}`);
  const sim = await startSimulatorProcess();

  const rows: Row[] = [];
  for (const target of ["simulator", "node", "next"] as const) {
    const mine = scenarios.filter((s) => s.target === target);
    if (mine.length > 0) rows.push(...(await runTarget(target, mine, sim, db, adminApiKey, run)));
  }
  // An interrupted run's half table must not replace the last complete one.
  if (isStopping()) throw new Error("interrupted; results not written");
  withAddedLatency(rows, scenarios);

  const info: RunInfo = {
    startedAt,
    command: ["npm run bench", ...(argv.length ? ["--", ...argv] : [])].join(" "),
    node: process.versions.node,
    cpus: `${os.cpus().length} x ${os.cpus()[0]?.model.trim() ?? "cpu"}`,
    loadTool: loadToolVersion(run.tool),
    connections: run.connections,
    durationS: run.durationS,
    warmupS: run.warmupS,
    probeConnections: run.probeConnections,
    probeDurationS: run.probeDurationS,
    database: db.description,
    commit: gitCommit(),
  };
  const markdown = renderMarkdown(info, rows);
  console.log(`\n${markdown}`);
  const files = writeResults(path.join(process.cwd(), "bench-results"), info, rows, markdown);
  console.log(`[bench] wrote ${files.join(", ")}`);
  await benchSpend([]);
  await benchAuthFailures([]);
  return rows.some((r) => /FAILED|PREMISE/.test(r.note ?? "") || r.errors > 0) ? 1 : 0;
}

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (err: Error) => {
    console.error(`[bench] ${err.stack ?? err.message}`);
    await cleanup();
    process.exit(1);
  });
