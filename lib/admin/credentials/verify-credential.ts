import { recordAuditEvent } from "@/lib/admin/audit/record-audit-event";
import { getCredential } from "./get-credential";
import { ApiError } from "@/lib/errors";
import { credentialScopeKey } from "@/lib/gateway/resilience/breaker-registry";
import type { BreakerStateName } from "@/lib/gateway/resilience/breaker-state";
import { getGatewayRuntime, type GatewayRuntime } from "@/lib/runtime/gateway-runtime";

export interface VerificationResult {
  passed: boolean;
  /** The provider's HTTP status; null when it never answered (timeout, connection refused). */
  status: number | null;
  errorClass: string | null;
  /** What the provider said, key material removed. */
  message: string;
  /** The deployment asked, `provider/model`. */
  model: string | null;
  /** The credential's breaker after the verification. */
  state: BreakerStateName;
}

/**
 * Verifies a provider credential with one minimal live request (see the gateway's
 * verifyCredential: cheapest deployment, one token, 10 s, around its breaker, never
 * metered), then records it as a breaker event (actor, outcome) and in the audit trail.
 * The breaker stays as it was, unless `openOnFailure` (a key just added): a key refused
 * for auth or billing then opens on that class, to be probed like any other.
 * `runtime` defaults to this process's gateway runtime. Throws ApiError `not_found` (unknown credential) or `conflict` (disabled).
 */
export async function verifyCredential({
  id,
  actor,
  note,
  openOnFailure = false,
  runtime: given,
}: {
  id: string;
  actor: string;
  note?: string;
  openOnFailure?: boolean;
  runtime?: Pick<GatewayRuntime, "gateway" | "breakers" | "catalog" | "reloadCatalog">;
}): Promise<VerificationResult> {
  const runtime = given ?? (await getGatewayRuntime());
  const credential = await getCredential({ id });
  if (credential.disabledAt)
    throw new ApiError("conflict", "This credential is disabled; it cannot be verified.", {
      param: "id",
    });
  // A key added on another instance a moment ago may not be in this one's catalogue yet.
  if (
    ![...(runtime.catalog().credentialsByProvider.get(credential.providerId) ?? [])].some(
      (c) => c.id === id,
    )
  )
    await runtime.reloadCatalog();
  const outcome = await runtime.gateway.verifyCredential(id);
  const snapshot = await runtime.breakers.recordVerification(
    {
      scopeKey: credentialScopeKey(id),
      scope: "credential",
      scopeId: id,
      providerId: credential.providerId,
    },
    { passed: outcome.passed, status: outcome.status, failure: outcome.failure, openOnFailure },
    actor,
    note,
  );
  await recordAuditEvent({
    actor,
    action: "credential.verified",
    targetType: "credential",
    targetId: id,
    details: {
      passed: outcome.passed,
      status: outcome.status,
      errorClass: outcome.errorClass,
      model: outcome.model,
      provider: credential.providerId,
      label: credential.label,
      note: note ?? null,
    },
  });
  return {
    passed: outcome.passed,
    status: outcome.status,
    errorClass: outcome.errorClass,
    message: outcome.message,
    model: outcome.model,
    state: snapshot.state,
  };
}
