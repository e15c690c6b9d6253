import type pg from "pg";

export interface DatabaseTimeouts {
  /** Milliseconds to open a connection. */
  connectMs: number;
  /** Milliseconds a statement may run. */
  statementMs: number;
}

/**
 * Timeouts every pool and client gets, so a stopped or hung Postgres turns into a
 * quick error instead of a hung request: connect timeout, server-side statement
 * timeout, and a client-side read timeout a little above it (a hung server never
 * answers its own timeout), with TCP keep-alive to notice dead peers.
 */
export function pgTimeouts(
  t: DatabaseTimeouts,
): Pick<
  pg.PoolConfig,
  "connectionTimeoutMillis" | "statement_timeout" | "query_timeout" | "keepAlive"
> {
  return {
    connectionTimeoutMillis: t.connectMs,
    statement_timeout: t.statementMs,
    query_timeout: t.statementMs + 1_000,
    keepAlive: true,
  };
}
