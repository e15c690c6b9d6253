/**
 * Closed-loop load at a fixed number of connections, from a separate process: wrk when it
 * is installed (C, one thread, a fraction of a core), else autocannon in a child node
 * process. Either way the client never runs on the event loop it measures.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { signalGroup, spawnTracked } from "./processes";

export interface LoadSpec {
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  durationS: number;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Socket errors, timeouts and non-2xx answers. */
  errors: number;
}

export type LoadTool = "wrk" | "autocannon";

export function pickLoadTool(): LoadTool {
  if (process.env.BENCH_LOAD_TOOL === "autocannon") return "autocannon";
  return spawnSync("sh", ["-c", "command -v wrk"], { stdio: "ignore" }).status === 0
    ? "wrk"
    : "autocannon";
}

export function loadToolVersion(tool: LoadTool): string {
  if (tool === "autocannon") return "autocannon 8 (child process, 1 ms latency resolution)";
  const out = spawnSync("wrk", ["--version"], { encoding: "utf8" });
  return (`${out.stdout}${out.stderr}`.split("\n")[0] ?? "wrk").trim() + " (-t1)";
}

export function runLoad(tool: LoadTool, spec: LoadSpec): Promise<LoadResult> {
  return tool === "wrk" ? runWrk(spec) : runAutocannon(spec);
}

/** Collects a child's stdout; rejects on a non-zero exit or when it overruns its time by far. */
function runChild(command: string, args: string[], limitMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawnTracked(command, args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: process.env,
    });
    let out = "";
    let err = "";
    child.stdout!.on("data", (c: Buffer) => (out = (out + c.toString()).slice(-64_000)));
    child.stderr!.on("data", (c: Buffer) => (err = (err + c.toString()).slice(-16_000)));
    const timer = setTimeout(() => signalGroup(child, "SIGKILL"), limitMs);
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else
        reject(
          new Error(
            `${path.basename(command)} exited (${code ?? signal}): ${err.slice(-2000)}${out.slice(-2000)}`,
          ),
        );
    });
  });
}

function lastJsonLine<T>(output: string, marker: string): T {
  const line = output.split("\n").findLast((l) => l.startsWith(marker));
  if (!line)
    throw new Error(`no ${marker} line in the load generator's output:\n${output.slice(-2000)}`);
  return JSON.parse(line.slice(marker.length)) as T;
}

const MARKER = "BENCH_RESULT ";

/**
 * wrk's Lua hooks: the request (a long-bracket string needs no escaping of JSON) and a
 * `done` that prints the exact percentiles in microseconds, instead of scraping the rounded
 * `--latency` table.
 */
function wrkScript(spec: LoadSpec): string {
  const lines = ['wrk.method = "POST"', `wrk.body = [==[${spec.body}]==]`];
  for (const [k, v] of Object.entries(spec.headers))
    lines.push(`wrk.headers[ [==[${k}]==] ] = [==[${v}]==]`);
  lines.push(
    "done = function(summary, latency, requests)",
    "  local e = summary.errors",
    `  io.write(string.format('${MARKER}{"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\\n',`,
    "    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.connect, e.read, e.write, e.status, e.timeout))",
    "end",
  );
  return lines.join("\n") + "\n";
}

interface WrkSummary {
  requests: number;
  duration_us: number;
  p50_us: number;
  p99_us: number;
  connect: number;
  read: number;
  write: number;
  status: number;
  timeout: number;
}

async function runWrk(spec: LoadSpec): Promise<LoadResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "gw-bench-wrk-"));
  try {
    const script = path.join(dir, "post.lua");
    writeFileSync(script, wrkScript(spec));
    // One thread: on two cores the gateway and the simulator need the rest.
    const args = [
      "-t1",
      `-c${spec.connections}`,
      `-d${spec.durationS}s`,
      "--latency",
      "--timeout",
      "10s",
      "-s",
      script,
      spec.url,
    ];
    const s = lastJsonLine<WrkSummary>(
      await runChild("wrk", args, (spec.durationS + 30) * 1000),
      MARKER,
    );
    return {
      requests: s.requests,
      rps: s.requests / (s.duration_us / 1e6),
      p50Ms: s.p50_us / 1000,
      p99Ms: s.p99_us / 1000,
      errors: s.connect + s.read + s.write + s.status + s.timeout,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runAutocannon(spec: LoadSpec): Promise<LoadResult> {
  const runner = path.join(import.meta.dirname, "autocannon-runner.ts");
  const out = await runChild(
    process.execPath,
    ["--import", "tsx", runner, JSON.stringify(spec)],
    (spec.durationS + 30) * 1000,
  );
  return lastJsonLine<LoadResult>(out, MARKER);
}
