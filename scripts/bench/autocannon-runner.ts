/**
 * The fallback load generator when wrk is not installed: autocannon in its own process
 * (spawned by load.ts), so its JavaScript client does not share a core's event loop with
 * the benchmark or the servers. Prints one `BENCH_RESULT {json}` line.
 *
 *   node --import tsx scripts/bench/autocannon-runner.ts '{"url":...,"connections":50,...}'
 */
import { createRequire } from "node:module";
import type { LoadResult, LoadSpec } from "./load";

// autocannon ships no type declarations; only the fields read here are typed.
interface AutocannonResult {
  requests: { total: number };
  duration: number;
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;

const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

const spec = JSON.parse(process.argv[2] ?? "{}") as LoadSpec;
const result = await autocannon({
  url: spec.url,
  method: "POST",
  headers: spec.headers,
  body: spec.body,
  connections: spec.connections,
  duration: spec.durationS,
  timeout: 10,
});
const out: LoadResult = {
  requests: result.requests.total,
  rps: result.requests.total / result.duration,
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  // autocannon already counts its timeouts among `errors`.
  errors: result.errors + result.non2xx,
};
console.log(`BENCH_RESULT ${JSON.stringify(out)}`);
