import type { ChatCompletionRequest } from "@/lib/gateway/chat-request";
import type { GatewayDeps } from "@/lib/gateway/gateway-deps";
import { rankCandidates, type Candidate, type TokenEstimate } from "@/lib/gateway/router/rank-candidates";
import { resolveDeployments } from "@/lib/gateway/router/resolve-deployments";
import type { TenantKey } from "@/lib/tenants/key-cache";

/**
 * Every (deployment, credential) that may serve this request, cheapest expected price
 * first; breakers are asked later, one attempt at a time.
 * @throws ApiError 400 `model_not_found`, 403 `model_not_allowed`.
 */
export function planCandidates(
  deps: Pick<GatewayDeps, "catalog" | "adapters">,
  key: TenantKey,
  request: ChatCompletionRequest,
  estimate: TokenEstimate,
  rotation: number,
): Candidate[] {
  const catalog = deps.catalog();
  const deployments = resolveDeployments(catalog, request.model, key.allowedModels, (d) => {
    const provider = catalog.providers.get(d.providerId);
    return provider !== undefined && deps.adapters[provider.kind] !== undefined;
  });
  return rankCandidates(catalog, deployments, estimate, rotation);
}
