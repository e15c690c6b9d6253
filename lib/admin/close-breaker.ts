import type { BreakerService } from "@/lib/runtime/breaker-service";
import { setCredentialBreaker } from "./set-credential-breaker";

/**
 * A person closes a credential's tripped breaker, quarantine included: traffic returns
 * to the key on every instance at once; audited as `breaker.closed` with the note.
 * Throws ApiError `not_found`.
 */
export async function closeBreaker({ id, note, actor, runtime }: { id: string; note?: string; actor: string; runtime: { breakers: BreakerService } }) {
  return setCredentialBreaker({ id, to: "closed", note, actor, runtime });
}
