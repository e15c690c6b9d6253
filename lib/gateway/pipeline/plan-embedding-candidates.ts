import { ApiError } from "@/lib/errors";
import type { Catalog, CatalogDeployment } from "@/lib/gateway/catalog";
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
import { resolveDeployments } from "@/lib/gateway/router/resolve-deployments";
import { quoteInput } from "@/lib/http/quote-input";
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
  return rankCandidates(
    catalog,
    filterCapable(catalog, deployments, request, skipped),
    estimate,
    rotation,
  );
}

function filterCapable(
  catalog: Catalog,
  deployments: readonly CatalogDeployment[],
  request: EmbeddingsRequest,
  skipped: Skipped[],
): CatalogDeployment[] {
  const needs = { tokenArrays: hasTokenArrays(request), inputs: embeddingInputs(request).length };
  const capable: CatalogDeployment[] = [];
  const unmet: string[] = [];
  for (const d of deployments) {
    const provider = catalog.providers.get(d.providerId);
    const gap = provider ? unmetEmbeddingNeed(provider, needs) : undefined;
    if (!gap) {
      capable.push(d);
      continue;
    }
    const reason = `${d.publicName} ${gap.reason}`;
    unmet.push(reason);
    skipped.push({ provider: d.providerId, credential: "*", reason });
  }
  if (capable.length === 0 && unmet.length > 0) {
    throw new ApiError(
      "invalid_request_error",
      `No deployment of ${quoteInput(request.model)} can take this input: ${unmet.join("; ")}.`,
      { param: "input" },
    );
  }
  return capable;
}
