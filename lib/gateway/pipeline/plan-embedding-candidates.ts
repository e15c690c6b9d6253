import type { Catalog } from "@/lib/gateway/catalog";
import {
  embeddingInputs,
  hasTokenArrays,
  type EmbeddingsRequest,
} from "@/lib/gateway/embeddings-request";
import type { TenantKey } from "@/lib/gateway/keys/tenant-key";
import { EMBEDDING_ADAPTERS } from "@/lib/gateway/providers/embedding-adapters";
import { unmetEmbeddingNeed } from "@/lib/gateway/router/embedding-capabilities";
import { requireOneEmbeddingModel } from "@/lib/gateway/router/embedding-model";
import {
  rankCandidates,
  type Candidate,
  type TokenEstimate,
} from "@/lib/gateway/router/rank-candidates";
import { keepCapable } from "@/lib/gateway/router/keep-capable";
import { resolveDeployments } from "@/lib/gateway/router/resolve-deployments";
import type { Skipped } from "./no-provider-answer";

/**
 * Every (embedding deployment, credential) that may serve this request, cheapest first:
 * only embedding deployments of a provider kind that embeds, all of one model (so a
 * failover never changes the vector space), able to take its inputs (token arrays, batch
 * size); each one left out is written to `skipped` with the reason.
 * @throws ApiError 400 `model_not_found` (unknown, or a chat model), 400 (param `model`)
 *   for a name that spans several embedding models, 403 `model_not_allowed`, 400 (param
 *   `input`) when no deployment of the model can take the inputs.
 */
export function planEmbeddingCandidates(
  catalog: Catalog,
  key: Pick<TenantKey, "allowedModels">,
  request: EmbeddingsRequest,
  estimate: TokenEstimate,
  rotation: number,
  skipped: Skipped[] = [],
): Candidate[] {
  const deployments = resolveDeployments(
    catalog,
    request.model,
    "embedding",
    key.allowedModels,
    (d) => {
      const provider = catalog.providers.get(d.providerId);
      return provider !== undefined && EMBEDDING_ADAPTERS[provider.kind] !== undefined;
    },
  );
  requireOneEmbeddingModel(request.model, deployments);
  const needs = { tokenArrays: hasTokenArrays(request), inputs: embeddingInputs(request).length };
  const capable = keepCapable(
    catalog,
    deployments,
    (provider) => unmetEmbeddingNeed(provider, needs),
    skipped,
    request.model,
    "take this input",
  );
  return rankCandidates(catalog, capable, estimate, rotation);
}
