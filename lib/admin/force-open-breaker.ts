import type { BreakerService } from "@/lib/runtime/breaker-service";
import { setCredentialBreaker } from "./set-credential-breaker";

/**
 * A person forces a credential's breaker open (e.g. a key they know is leaked): no
 * traffic reaches it until someone closes it; audited as `breaker.forced_open`.
 * Throws ApiError `not_found`.
 */
export async function forceOpenBreaker({
  id,
  note,
  actor,
  runtime,
}: {
  id: string;
  note?: string;
  actor: string;
  runtime: { breakers: BreakerService };
}) {
  return setCredentialBreaker({ id, to: "open", note, actor, runtime });
}
