/**
 * The meter through a long Postgres outage: usage events are recorded (through the real
 * usage buffer and journal, on the real disk) while every write to Postgres fails, then
 * Postgres answers again and the journal drains into it. Reports the recording
 * throughput, RSS, heap and event-loop delay during the outage (the retries must not
 * slow it down as the journal grows), and the time to drain after.
 *
 *   npm run bench:outage -- [--events 600000] [--rate 1000] [--drain-rate 0]
 *
 * The default is a 10-minute outage at 1,000 requests a second (600,000 events). `--rate 0`
 * injects the same events as fast as the meter takes them (a shorter run with the same
 * journal; the retries run every second either way). During the drain new events keep
 * arriving at `--drain-rate` a second. Postgres: BENCH_OUTAGE_DATABASE_URL, else a
 * `gw_outage_bench` database on the machine's Postgres (created and migrated).
 * Writes `bench-results/outage.md`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { randomUUID } from "node:crypto";
import pg from "pg";
import pino from "pino";
import { applyMigrations } from "../lib/database/migrate";
import { disconnectPrisma, getPrisma, setDatabaseUrl } from "../lib/db";
import { UsageBuffer } from "../lib/gateway/metering/usage-buffer";
import type { UsageEvent } from "../lib/gateway/metering/usage-event";
import { UsageJournal } from "../lib/gateway/metering/usage-journal";
import { postgresUsageStore } from "../lib/runtime/postgres-usage-store";

const ADMIN_URL =
  process.env.BENCH_POSTGRES_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const NAME = "gw_outage_bench";

async function benchDatabase(): Promise<string> {
  const given = process.env.BENCH_OUTAGE_DATABASE_URL?.trim();
  if (given) return given;
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [NAME]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(NAME)}`);
  } finally {
    await client.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${NAME}`;
  return url.toString();
}

interface Sample {
  atS: number;
  events: number;
  rssMiB: number;
  heapMiB: number;
  loopP99Ms: number;
  loopMaxMs: number;
  journalMiB: number;
}

const mib = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: "string" },
      rate: { type: "string" },
      "drain-rate": { type: "string" },
    },
    strict: true,
  });
  const total = Number(values.events ?? 600_000);
  const rate = Number(values.rate ?? 1_000);
  const drainRate = Number(values["drain-rate"] ?? 0);

  const url = await benchDatabase();
  await applyMigrations(url);
  setDatabaseUrl(url);
  const prisma = getPrisma();
  const plan = await prisma.plan.create({ data: { name: `outage-bench-${randomUUID()}` } });
  const tenant = await prisma.tenant.create({
    data: { name: `outage-bench-${randomUUID()}`, planId: plan.id },
  });
  const key = await prisma.apiKey.create({
    data: { tenantId: tenant.id, prefix: "sk-gw-bnch", hash: randomUUID() },
  });
  const run = randomUUID().slice(0, 8);
  let n = 0;
  const next = (): UsageEvent => {
    n++;
    return {
      requestId: `outage_${run}_${n}`,
      tenantId: tenant.id,
      apiKeyId: key.id,
      modelRequested: "deepseek/deepseek-chat",
      providerId: "deepseek",
      deploymentId: null,
      credentialId: null,
      upstreamModel: "deepseek-chat",
      promptTokens: 120 + (n % 50),
      completionTokens: 40 + (n % 30),
      cachedTokens: 0,
      tokensEstimated: false,
      upstreamCostPicos: 28_000_000,
      billedPicos: 31_000_000,
      latencyMs: 180,
      ttfbMs: 40,
      httpStatus: 200,
      errorClass: null,
      attempts: 1,
      streamed: n % 2 === 0,
      createdAt: Date.now(),
      cacheWriteTokens: 0,
      prices: {
        inputPricePer1MMicros: 140_000,
        outputPricePer1MMicros: 280_000,
        cachedInputPricePer1MMicros: null,
        cacheWritePricePer1MMicros: null,
        billedPricePer1MMicros: 5_000_000,
      },
      endUser: `user-${n % 100}`,
      tags: ["bench", "outage"],
    };
  };

  const dataDir = mkdtempSync(path.join(os.tmpdir(), "gw-outage-bench-"));
  const journal = new UsageJournal({ dir: path.join(dataDir, "usage-journal") });
  let outage = true;
  const meter = new UsageBuffer({
    ...postgresUsageStore,
    write: async (events) => {
      if (outage) throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
      return postgresUsageStore.write(events);
    },
    journal,
    log: pino({ level: "warn" }),
  });
  meter.start();

  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = Date.now();
  const samples: Sample[] = [];
  const sample = (phase: Sample[]) => {
    const mem = process.memoryUsage();
    phase.push({
      atS: Math.round((Date.now() - started) / 100) / 10,
      events: n,
      rssMiB: mib(mem.rss),
      heapMiB: mib(mem.heapUsed),
      loopP99Ms: Math.round(loop.percentile(99) / 1e5) / 10,
      loopMaxMs: Math.round(loop.max / 1e5) / 10,
      journalMiB: mib(journal.sizeBytes),
    });
    loop.reset();
  };
  const sampler = setInterval(() => sample(samples), 1_000);

  // The outage: `total` events recorded while every write fails (retried every second).
  const paced = (perSecond: number, until: () => boolean) =>
    new Promise<void>((resolve) => {
      const t0 = Date.now();
      const tick = () => {
        if (until()) return resolve();
        const due = perSecond > 0 ? Math.floor(((Date.now() - t0) / 1000) * perSecond) : n + 1000;
        const target = Math.min(due, total + (perSecond > 0 ? Infinity : 0));
        while (n < target && !until()) meter.record(next());
        if (perSecond > 0) setTimeout(tick, 10);
        else setImmediate(tick);
      };
      tick();
    });
  const outageStart = Date.now();
  await paced(rate, () => n >= total);
  const outageS = (Date.now() - outageStart) / 1000;
  const outageSamples = [...samples];
  console.log(`[outage] ${total} events in ${outageS.toFixed(1)} s; Postgres back`);

  // Postgres answers again: time until every event is in it.
  outage = false;
  const drainStart = Date.now();
  let drainEnd = 0;
  const extra = drainRate > 0 ? paced(drainRate, () => drainEnd > 0) : Promise.resolve();
  for (;;) {
    await meter.flush();
    if (!meter.status().journaled && meter.status().pending === 0 && meter.status().writable) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  drainEnd = Date.now();
  await extra;
  const drainS = (drainEnd - drainStart) / 1000;
  clearInterval(sampler);
  sample(samples);
  const drainSamples = samples.slice(outageSamples.length);
  await meter.close();
  const rows = await prisma.usageRecord.count({
    where: { requestId: { startsWith: `outage_${run}_` } },
  });

  const peak = (s: Sample[], k: keyof Sample) => Math.max(...s.map((x) => x[k]));
  const lines = [
    `# Meter through a Postgres outage (npm run bench:outage)`,
    ``,
    `${new Date().toISOString()}; --events ${total} --rate ${rate} --drain-rate ${drainRate}; ${os.cpus().length} cores`,
    ``,
    `| phase | events | seconds | events/s | RSS peak | heap peak | loop delay p99 (max) | journal peak |`,
    `|---|--:|--:|--:|--:|--:|--:|--:|`,
    `| outage (every write fails, retried each second) | ${total} | ${outageS.toFixed(1)} | ${Math.round(total / outageS)} | ${peak(outageSamples, "rssMiB")} MiB | ${peak(outageSamples, "heapMiB")} MiB | ${peak(outageSamples, "loopP99Ms")} ms (${peak(outageSamples, "loopMaxMs")} ms) | ${peak(outageSamples, "journalMiB")} MiB |`,
    `| drain (Postgres back${drainRate ? `, ${drainRate} new events/s` : ""}) | ${n} | ${drainS.toFixed(1)} | ${Math.round(n / drainS)} | ${peak(drainSamples, "rssMiB")} MiB | ${peak(drainSamples, "heapMiB")} MiB | ${peak(drainSamples, "loopP99Ms")} ms (${peak(drainSamples, "loopMaxMs")} ms) | — |`,
    ``,
    `Rows in Postgres afterwards: ${rows} of ${n} events.`,
    ``,
    `RSS over the outage (one sample every ~10% of it): ${outageSamples
      .filter((_, i) => i % Math.max(1, Math.floor(outageSamples.length / 10)) === 0)
      .map((s) => `${s.atS}s ${s.rssMiB}`)
      .join(", ")} MiB`,
  ];
  console.log(lines.join("\n"));
  mkdirSync("bench-results", { recursive: true });
  writeFileSync("bench-results/outage.md", lines.join("\n") + "\n");
  await prisma.usageRecord.deleteMany({ where: { apiKeyId: key.id } });
  await disconnectPrisma();
  rmSync(dataDir, { recursive: true, force: true });
  if (rows !== n) {
    console.error(`[outage] ${n - rows} events missing`);
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  console.error(`[outage] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
