import { getPrisma } from "@/lib/db";
import type { BreakerSnapshot, Transition } from "@/lib/gateway/resilience/breaker-state";
import { rowFromSnapshot } from "./breaker-row";

/**
 * Stores a breaker's new state and the event that led to it, together: the audit
 * trail and the 401 timeline read the events, every instance reads the state.
 */
export async function saveBreakerTransition({ snapshot, transition, actor, note }: { snapshot: BreakerSnapshot; transition: Transition; actor: string; note?: string }) {
  const prisma = getPrisma();
  const row = rowFromSnapshot(snapshot);
  await prisma.$transaction([
    prisma.breakerState.upsert({ where: { scopeKey: snapshot.scopeKey }, create: { scopeKey: snapshot.scopeKey, ...row }, update: row }),
    prisma.breakerEvent.create({
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
    }),
  ]);
}
