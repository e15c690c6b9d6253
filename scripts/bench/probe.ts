/**
 * The low-concurrency probe after each load run, with a few undici connections:
 *  - stream time-to-first-byte, i.e. until the first body chunk (the first SSE event):
 *    under full load queueing would swamp what we care about, the wait the gateway adds
 *    before the user sees a token;
 *  - exact upstream attempts per request: every probe request completes (no in-flight
 *    leftovers as at the end of a wrk run), so simulator calls / requests is exact, and
 *    the gateway's own `x-gateway-attempts` can be checked against it.
 */
import { performance } from "node:perf_hooks";
import { Pool } from "undici";

export interface ProbeSpec {
  origin: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  durationS: number;
  /** Hard cap on requests, whatever the duration: the loop is bounded either way. */
  maxRequests: number;
}

export interface ProbeResult {
  /** Requests that completed (successfully or not); the denominator for calls per request. */
  requests: number;
  ttfbP50Ms: number;
  ttfbP99Ms: number;
  /** Mean `x-gateway-attempts` of the successful answers (NaN when the header is absent). */
  meanAttempts: number;
  errors: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}

export async function probe(spec: ProbeSpec): Promise<ProbeResult> {
  const pool = new Pool(spec.origin, { connections: spec.connections, pipelining: 1 });
  const ttfbs: number[] = [];
  let attempts = 0;
  let errors = 0;
  let issued = 0;
  let completed = 0;
  const deadline = Date.now() + spec.durationS * 1000;

  const worker = async () => {
    while (Date.now() < deadline && issued < spec.maxRequests) {
      issued++;
      const started = performance.now();
      try {
        const res = await pool.request({
          path: spec.path,
          method: "POST",
          headers: spec.headers,
          body: spec.body,
          headersTimeout: 10_000,
          bodyTimeout: 10_000,
        });
        let first: number | undefined;
        for await (const _chunk of res.body) first ??= performance.now() - started;
        if (res.statusCode !== 200 || first === undefined) {
          errors++;
        } else {
          ttfbs.push(first);
          attempts += Number(res.headers["x-gateway-attempts"] ?? NaN);
        }
      } catch {
        errors++;
      }
      completed++;
    }
  };
  try {
    await Promise.all(Array.from({ length: spec.connections }, worker));
  } finally {
    await pool.close();
  }
  ttfbs.sort((a, b) => a - b);
  return {
    requests: completed,
    ttfbP50Ms: percentile(ttfbs, 50),
    ttfbP99Ms: percentile(ttfbs, 99),
    meanAttempts: attempts / ttfbs.length,
    errors,
  };
}
