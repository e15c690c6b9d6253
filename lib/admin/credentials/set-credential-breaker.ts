import { recordAuditEvent } from "@/lib/admin/audit/record-audit-event";
import { credentialScopeKey } from "@/lib/gateway/resilience/breaker-registry";
import { episodeOf } from "@/lib/gateway/resilience/breaker-state";
import type { BreakerService } from "@/lib/runtime/breaker-service";
import { getCredential } from "./get-credential";

/**
 * What closing and force-opening share: a person moves a credential's breaker, the
 * change is stored, broadcast, applied here at once and audited. Returns
 * `{id, provider, label, last4, state, lastErrorClass, retryAt}`. Throws ApiError `not_found`.
 */
export async function setCredentialBreaker({
  id,
  to,
  note,
  actor,
  runtime,
}: {
  id: string;
  to: "closed" | "open";
  note?: string;
  actor: string;
  runtime: { breakers: BreakerService };
}) {
  const credential = await getCredential({ id });
  const snapshot = await runtime.breakers.setManually(
    {
      scopeKey: credentialScopeKey(id),
      scope: "credential",
      scopeId: id,
      providerId: credential.providerId,
    },
    to,
    actor,
    note,
  );
  await recordAuditEvent({
    actor,
    action: to === "closed" ? "breaker.closed" : "breaker.forced_open",
    targetType: "credential",
    targetId: id,
    details: { note: note ?? null, provider: credential.providerId, label: credential.label },
  });
  const { lastErrorClass, retryAt } = episodeOf(snapshot);
  return {
    id,
    provider: credential.providerId,
    label: credential.label,
    last4: credential.last4,
    state: snapshot.state,
    lastErrorClass,
    retryAt: retryAt === null ? null : new Date(retryAt),
  };
}
