import type { BreakerState } from "@/lib/generated/prisma/client";
import type { ErrorClass } from "@/lib/gateway/errors/error-class";
import type { BreakerSnapshot } from "@/lib/gateway/resilience/breaker-state";

/** Database row <-> the registry's snapshot (epoch milliseconds in memory, timestamps in Postgres). */
export function snapshotFromRow(row: BreakerState): BreakerSnapshot {
  return {
    scopeKey: row.scopeKey,
    scope: row.scope,
    scopeId: row.scopeId,
    providerId: row.providerId,
    state: row.state,
    lastErrorClass: (row.lastErrorClass as ErrorClass | null) ?? null,
    failures: row.failures,
    probes: row.probes,
    openedAt: row.openedAt?.getTime() ?? null,
    retryAt: row.retryAt?.getTime() ?? null,
    version: row.version,
  };
}

export function rowFromSnapshot(s: BreakerSnapshot) {
  return {
    scope: s.scope,
    scopeId: s.scopeId,
    providerId: s.providerId,
    state: s.state,
    lastErrorClass: s.lastErrorClass,
    failures: s.failures,
    probes: s.probes,
    openedAt: s.openedAt === null ? null : new Date(s.openedAt),
    retryAt: s.retryAt === null ? null : new Date(s.retryAt),
    version: s.version,
  };
}
