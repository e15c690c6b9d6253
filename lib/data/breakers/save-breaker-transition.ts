import { getPrisma } from "@/lib/db";
import type { BreakerSnapshot, Transition } from "@/lib/gateway/resilience/breaker-state";
import { rowFromSnapshot, snapshotFromRow } from "./breaker-row";

export interface SavedTransition {
  /** False when another instance had already moved this breaker: nothing was written. */
  applied: boolean;
  /** What Postgres holds now, with its version. */
  stored: BreakerSnapshot;
}

/**
 * Stores a breaker's new state and the event that led to it, together. A transition
 * the system decided is conditional: it applies only if the stored state is still the
 * one it started from, so when several instances see the same dead key at once exactly
 * one records (and alerts) the opening. A person's decision always applies.
 */
export async function saveBreakerTransition({
  snapshot,
  transition,
  actor,
  note,
  conditional,
  expectVersion,
}: {
  snapshot: BreakerSnapshot;
  transition: Transition;
  actor: string;
  note?: string;
  conditional: boolean;
  /**
   * Applies only if the stored version is exactly this one: how an instance claims a
   * probe for the cluster (of several instances whose timers fire together, one write
   * moves the version and that instance alone sends the probe).
   */
  expectVersion?: number;
}): Promise<SavedTransition> {
  const prisma = getPrisma();
  const { version: _local, ...row } = rowFromSnapshot(snapshot);
  return prisma.$transaction(async (tx) => {
    const where =
      expectVersion !== undefined
        ? { scopeKey: snapshot.scopeKey, version: expectVersion }
        : conditional
          ? { scopeKey: snapshot.scopeKey, state: transition.from }
          : { scopeKey: snapshot.scopeKey };
    let { count } = await tx.breakerState.updateMany({
      where,
      data: { ...row, version: { increment: 1 } },
    });
    if (count === 0) {
      const existing = await tx.breakerState.findUnique({ where: { scopeKey: snapshot.scopeKey } });
      if (existing && (conditional || expectVersion !== undefined))
        return { applied: false, stored: snapshotFromRow(existing) };
      // No row yet: every breaker starts closed, so creating one is the transition from closed.
      if (
        !existing &&
        expectVersion === undefined &&
        (!conditional || transition.from === "closed")
      ) {
        ({ count } = await tx.breakerState.createMany({
          data: [{ scopeKey: snapshot.scopeKey, ...row, version: 1 }],
          skipDuplicates: true,
        }));
      }
      if (count === 0) {
        const now = await tx.breakerState.findUnique({ where: { scopeKey: snapshot.scopeKey } });
        return { applied: false, stored: now ? snapshotFromRow(now) : snapshot };
      }
    }
    await tx.breakerEvent.create({
      data: {
        scopeKey: snapshot.scopeKey,
        credentialId: snapshot.scope === "credential" ? snapshot.scopeId : null,
        providerId: snapshot.providerId,
        fromState: transition.from,
        toState: transition.to,
        errorClass: transition.errorClass,
        reason: transition.reason.slice(0, 500),
        actor,
        note: note?.slice(0, 1000) ?? null,
      },
    });
    const stored = await tx.breakerState.findUniqueOrThrow({
      where: { scopeKey: snapshot.scopeKey },
    });
    return { applied: true, stored: snapshotFromRow(stored) };
  });
}
