import type {
  Catalog,
  CatalogCredential,
  CatalogDeployment,
  CatalogProvider,
} from "@/lib/gateway/catalog";

export interface Candidate {
  provider: CatalogProvider;
  deployment: CatalogDeployment;
  credential: CatalogCredential;
  /** Expected upstream cost of this request here, in pico-dollars. */
  expectedCostPicos: number;
}

export interface TokenEstimate {
  inputTokens: number;
  outputTokens: number;
}

/** Output tokens assumed when the caller sets no limit: a typical chat answer. */
export const DEFAULT_EXPECTED_OUTPUT_TOKENS = 256;

export function expectedCostPicos(d: CatalogDeployment, estimate: TokenEstimate): number {
  return (
    estimate.inputTokens * d.inputPricePer1MMicros +
    estimate.outputTokens * d.outputPricePer1MMicros
  );
}

/**
 * Every (deployment, credential) pair, cheapest expected price first. Several
 * credentials of one deployment share its price; the rotation spreads load across
 * them instead of draining the first.
 */
export function rankCandidates(
  catalog: Catalog,
  deployments: readonly CatalogDeployment[],
  estimate: TokenEstimate,
  rotation: number,
  usable: (c: CatalogCredential) => boolean = () => true,
): Candidate[] {
  const ranked: Candidate[] = [];
  const byPrice = deployments
    .map((deployment) => ({ deployment, cost: expectedCostPicos(deployment, estimate) }))
    .sort(
      (a, b) => a.cost - b.cost || a.deployment.publicName.localeCompare(b.deployment.publicName),
    );
  for (const { deployment, cost } of byPrice) {
    const provider = catalog.providers.get(deployment.providerId);
    if (!provider || !provider.enabled) continue;
    const creds = (catalog.credentialsByProvider.get(deployment.providerId) ?? []).filter(usable);
    for (let i = 0; i < creds.length; i++) {
      const credential = creds[(i + rotation) % creds.length]!;
      ranked.push({ provider, deployment, credential, expectedCostPicos: cost });
    }
  }
  return ranked;
}
