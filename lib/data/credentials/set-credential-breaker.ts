import { recordAuditEvent } from "@/lib/data/audit/record-audit-event";
import { credentialScopeKey } from "@/lib/gateway/resilience/breaker-registry";
import type { BreakerService } from "@/lib/runtime/breaker-service";
import { getCredential } from "./get-credential";

/** A person closes a tripped breaker (quarantine included) or forces one open; both are audited. */
export async function setCredentialBreaker({ id, to, note, actor, breakers }: { id: string; to: "closed" | "open"; note?: string; actor: string; breakers: BreakerService }) {
  const credential = await getCredential({ id });
  const snapshot = await breakers.setManually(
    { scopeKey: credentialScopeKey(id), scope: "credential", scopeId: id, providerId: credential.providerId },
    to,
    actor,
    note,
  );
  await recordAuditEvent({ actor, action: to === "closed" ? "breaker.closed" : "breaker.forced_open", targetType: "credential", targetId: id, details: { note: note ?? null, provider: credential.providerId, label: credential.label } });
  return { id, provider: credential.providerId, label: credential.label, last4: credential.last4, state: snapshot.state, lastErrorClass: snapshot.lastErrorClass, retryAt: snapshot.retryAt === null ? null : new Date(snapshot.retryAt) };
}
