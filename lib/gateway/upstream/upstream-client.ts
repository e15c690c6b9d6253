import { Pool } from "undici";
import type { Readable } from "node:stream";

/**
 * HTTP to providers: one keep-alive undici Pool per origin (a fresh TLS handshake per
 * request would cost more than the whole gateway). Timeouts: connect, time to response
 * headers, and idle time between body chunks (a stalled stream is cut, not waited on).
 */
export interface UpstreamTimeouts {
  connectMs: number;
  headersMs: number;
  idleMs: number;
}

export const DEFAULT_UPSTREAM_TIMEOUTS: UpstreamTimeouts = {
  connectMs: 5_000,
  headersMs: 60_000,
  idleMs: 30_000,
};

/** The configuration's GATEWAY_UPSTREAM_{CONNECT,HEADERS,IDLE}_TIMEOUT_MS (milliseconds, validated), else the defaults. */
export function upstreamTimeoutsFrom(
  source: Readonly<
    Record<
      | "GATEWAY_UPSTREAM_CONNECT_TIMEOUT_MS"
      | "GATEWAY_UPSTREAM_HEADERS_TIMEOUT_MS"
      | "GATEWAY_UPSTREAM_IDLE_TIMEOUT_MS",
      number | undefined
    >
  >,
): UpstreamTimeouts {
  const ms = (name: keyof typeof source, fallback: number) => source[name] ?? fallback;
  return {
    connectMs: ms("GATEWAY_UPSTREAM_CONNECT_TIMEOUT_MS", DEFAULT_UPSTREAM_TIMEOUTS.connectMs),
    headersMs: ms("GATEWAY_UPSTREAM_HEADERS_TIMEOUT_MS", DEFAULT_UPSTREAM_TIMEOUTS.headersMs),
    idleMs: ms("GATEWAY_UPSTREAM_IDLE_TIMEOUT_MS", DEFAULT_UPSTREAM_TIMEOUTS.idleMs),
  };
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Readable & AsyncIterable<Buffer>;
}

export interface UpstreamClient {
  /** `headersTimeoutMs` shortens the wait for response headers (the request's remaining deadline). */
  post(
    url: string,
    headers: Record<string, string>,
    body: string,
    signal: AbortSignal,
    headersTimeoutMs?: number,
  ): Promise<UpstreamResponse>;
  close(): Promise<void>;
}

export function createUpstreamClient(
  timeouts: UpstreamTimeouts = DEFAULT_UPSTREAM_TIMEOUTS,
): UpstreamClient {
  const pools = new Map<string, Pool>();

  function poolFor(origin: string): Pool {
    let pool = pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: 256,
        pipelining: 1,
        keepAliveTimeout: 30_000,
        connect: { timeout: timeouts.connectMs },
        headersTimeout: timeouts.headersMs,
        bodyTimeout: timeouts.idleMs,
      });
      pools.set(origin, pool);
    }
    return pool;
  }

  return {
    async post(url, headers, body, signal, headersTimeoutMs) {
      const u = new URL(url);
      const res = await poolFor(u.origin).request({
        path: u.pathname + u.search,
        method: "POST",
        headers,
        body,
        signal,
        headersTimeout:
          headersTimeoutMs === undefined
            ? timeouts.headersMs
            : Math.max(1, Math.min(timeouts.headersMs, headersTimeoutMs)),
      });
      return {
        status: res.statusCode,
        headers: res.headers,
        body: res.body as unknown as UpstreamResponse["body"],
      };
    },
    async close() {
      await Promise.all([...pools.values()].map((p) => p.close()));
      pools.clear();
    },
  };
}
