import type { BreakerService } from "@/lib/runtime/breaker-service";
import { getGatewayRuntime } from "@/lib/runtime/gateway-runtime";
import { setCredentialBreaker } from "./set-credential-breaker";

/**
 * A person forces a credential's breaker open (e.g. a key they know is leaked): no
 * traffic reaches it until someone closes it; audited as `breaker.forced_open`.
 * `runtime` defaults to this process's gateway runtime. Throws ApiError `not_found`.
 */
export async function forceOpenBreaker({
  id,
  note,
  actor,
  runtime: given,
}: {
  id: string;
  note?: string;
  actor: string;
  runtime?: { breakers: BreakerService };
}) {
  const runtime = given ?? (await getGatewayRuntime());
  return setCredentialBreaker({ id, to: "open", note, actor, runtime });
}
