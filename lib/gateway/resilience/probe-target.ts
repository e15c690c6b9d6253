import type { Catalog } from "@/lib/gateway/catalog";
import type { Admission } from "@/lib/gateway/gateway-deps";
import { cheapestDeployment } from "@/lib/gateway/minimal-call";
import { expectedCostPicos, type Candidate } from "@/lib/gateway/router/rank-candidates";
import { credentialScopeKey } from "./breaker-registry";
import type { BreakerSnapshot } from "./breaker-state";

/** Where a timer probe goes and which scope's probe it is. */
export interface ProbeTarget {
  candidate: Candidate;
  admission: Admission;
}

/**
 * The cheapest call that proves a breaker's path, through the provider's cheapest
 * enabled deployment (one input and one output token). A credential's probe uses that
 * credential; a provider's uses the first of its credentials (catalogue order) whose own
 * breaker is closed, so that its answer speaks for the provider and not for a tripped
 * key. Null when nothing can carry it (no deployment, the credential is gone or disabled,
 * or no credential can serve): the timer tries again later. `stateOf` reads a scope's
 * breaker (undefined: never tripped, so closed).
 */
export function probeTarget(
  catalog: Catalog,
  breaker: BreakerSnapshot,
  stateOf: (scopeKey: string) => BreakerSnapshot | undefined,
): ProbeTarget | null {
  const provider = catalog.providers.get(breaker.providerId);
  if (!provider || !provider.enabled) return null;
  const deployment = cheapestDeployment(catalog, provider.id);
  if (!deployment) return null;
  const credentials = catalog.credentialsByProvider.get(provider.id) ?? [];
  const credential =
    breaker.scope === "credential"
      ? credentials.find((c) => c.id === breaker.scopeId)
      : credentials.find(
          (c) => (stateOf(credentialScopeKey(c.id))?.state ?? "closed") === "closed",
        );
  if (!credential) return null;
  return {
    candidate: {
      provider,
      deployment,
      credential,
      expectedCostPicos: expectedCostPicos(deployment, { inputTokens: 1, outputTokens: 1 }),
    },
    admission: {
      providerProbe: breaker.scope === "provider",
      credentialProbe: breaker.scope === "credential",
    },
  };
}
