/**
 * Stream time-to-first-byte: how long a client waits for the first body chunk (the first
 * SSE event). Measured with a few undici connections rather than under full load, where
 * queueing would swamp the number we care about: the latency the gateway adds before the
 * user sees a token.
 */
import { performance } from "node:perf_hooks";
import { Pool } from "undici";

export interface TtfbSpec {
  origin: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  durationS: number;
  /** Hard cap on requests, whatever the duration: the loop is bounded either way. */
  maxRequests: number;
}

export interface TtfbResult {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export async function measureTtfb(spec: TtfbSpec): Promise<TtfbResult> {
  const pool = new Pool(spec.origin, { connections: spec.connections, pipelining: 1 });
  const ttfbs: number[] = [];
  let errors = 0;
  let issued = 0;
  const deadline = Date.now() + spec.durationS * 1000;

  const worker = async () => {
    while (Date.now() < deadline && issued < spec.maxRequests) {
      issued++;
      const started = performance.now();
      try {
        const res = await pool.request({ path: spec.path, method: "POST", headers: spec.headers, body: spec.body, headersTimeout: 10_000, bodyTimeout: 10_000 });
        let first: number | undefined;
        for await (const _chunk of res.body) first ??= performance.now() - started;
        if (res.statusCode !== 200 || first === undefined) errors++;
        else ttfbs.push(first);
      } catch {
        errors++;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: spec.connections }, worker));
  } finally {
    await pool.close();
  }
  ttfbs.sort((a, b) => a - b);
  return { samples: ttfbs.length, p50Ms: percentile(ttfbs, 50), p99Ms: percentile(ttfbs, 99), errors };
}
