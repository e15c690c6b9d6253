import type { BreakerState } from "@/lib/generated/prisma/client";
import type { ErrorClass } from "@/lib/gateway/errors/error-class";
import type { BreakerSnapshot } from "@/lib/gateway/resilience/breaker-state";

/**
 * Database row <-> the breaker's state (epoch milliseconds in memory, timestamps in
 * Postgres). The row has every column; each state keeps only its own fields, and a row
 * left incomplete by hand reads as the episode's start.
 */
export function snapshotFromRow(row: BreakerState): BreakerSnapshot {
  const identity = {
    scopeKey: row.scopeKey,
    scope: row.scope,
    scopeId: row.scopeId,
    providerId: row.providerId,
    version: row.version,
  };
  if (row.state === "closed") return { ...identity, state: "closed" };
  const episode = {
    lastErrorClass: (row.lastErrorClass as ErrorClass | null) ?? null,
    failures: row.failures,
    probes: row.probes,
    openedAt: row.openedAt?.getTime() ?? row.updatedAt.getTime(),
  };
  if (row.state === "open")
    return { ...identity, ...episode, state: "open", retryAt: row.retryAt?.getTime() ?? null };
  return { ...identity, ...episode, state: row.state };
}

export function rowFromSnapshot(s: BreakerSnapshot) {
  const identity = {
    scope: s.scope,
    scopeId: s.scopeId,
    providerId: s.providerId,
    state: s.state,
    version: s.version,
  };
  if (s.state === "closed")
    return {
      ...identity,
      lastErrorClass: null,
      failures: 0,
      probes: 0,
      openedAt: null,
      retryAt: null,
    };
  return {
    ...identity,
    lastErrorClass: s.lastErrorClass,
    failures: s.failures,
    probes: s.probes,
    openedAt: new Date(s.openedAt),
    retryAt: s.state === "open" && s.retryAt !== null ? new Date(s.retryAt) : null,
  };
}
