import { ApiError } from "@/lib/errors";
import { getGatewayRuntime, type GatewayRuntime } from "@/lib/runtime/gateway-runtime";
import { setCredentialBreaker } from "./set-credential-breaker";
import { verifyCredential } from "./verify-credential";

/**
 * A person closes a credential's tripped breaker, quarantine included: traffic returns
 * to the key on every instance at once; audited as `breaker.closed` with the note.
 * With `verify`, the key is first verified with one live request and the breaker closes
 * only on a pass. Returns `{id, provider, label, last4, state, lastErrorClass, retryAt}`
 * (plus `verification` when verified); `runtime` defaults to this process's gateway
 * runtime. Throws ApiError `not_found`, or
 * `verification_failed` (422, the breaker left as it was, the outcome in `error.verification`).
 */
export async function closeBreaker({
  id,
  note,
  verify = false,
  actor,
  runtime: given,
}: {
  id: string;
  note?: string;
  verify?: boolean;
  actor: string;
  runtime?: Pick<GatewayRuntime, "gateway" | "breakers" | "catalog" | "reloadCatalog">;
}) {
  const runtime = given ?? (await getGatewayRuntime());
  if (!verify) return setCredentialBreaker({ id, to: "closed", note, actor, runtime });
  const verification = await verifyCredential({ id, actor, note, runtime });
  if (!verification.passed) {
    throw new ApiError(
      "verification_failed",
      `The key failed verification (${verification.errorClass ?? "no answer"}${verification.status ? `, HTTP ${verification.status}` : ""}); the breaker stays ${verification.state}.`,
      { details: { verification } },
    );
  }
  return {
    ...(await setCredentialBreaker({ id, to: "closed", note, actor, runtime })),
    verification,
  };
}
