import { messagesText, type ChatCompletionRequest } from "@/lib/gateway/chat-request";
import type { GatewayDeps } from "@/lib/gateway/gateway-deps";
import {
  rankCandidates,
  type Candidate,
  type TokenEstimate,
} from "@/lib/gateway/router/rank-candidates";
import { needsOf, unmetNeed } from "@/lib/gateway/router/capabilities";
import { keepCapable } from "@/lib/gateway/router/keep-capable";
import { resolveDeployments } from "@/lib/gateway/router/resolve-deployments";
import type { TenantKey } from "@/lib/gateway/keys/tenant-key";

/**
 * Every (chat deployment, credential) that may serve this chat request, cheapest expected
 * price first (embedding deployments never: see plan-embedding-candidates.ts); breakers
 * are asked later, one attempt at a time.
 * Deployments that cannot serve what it asks for (tools, images, json_schema, `n`,
 * context window) are left out, each with its reason in `skipped` (the "why" trail).
 * @throws ApiError 400 `model_not_found` (unknown, or an embedding model), 403
 *   `model_not_allowed`, 400 naming the parameter no deployment can serve.
 */
export function planCandidates(
  deps: Pick<GatewayDeps, "catalog" | "adapters">,
  key: Pick<TenantKey, "allowedModels">,
  request: ChatCompletionRequest,
  estimate: TokenEstimate,
  rotation: number,
  skipped: { provider: string; credential: string; reason: string }[] = [],
): Candidate[] {
  const catalog = deps.catalog();
  const deployments = resolveDeployments(catalog, request.model, "chat", key.allowedModels, (d) => {
    const provider = catalog.providers.get(d.providerId);
    return provider !== undefined && deps.adapters[provider.kind] !== undefined;
  });
  // Text only: inline images would make a body-size estimate skip every deployment.
  const needs = needsOf(request, Math.ceil(messagesText(request.messages).length / 4));
  const capable = keepCapable(
    catalog,
    deployments,
    (provider, d) => unmetNeed(provider, d, needs),
    skipped,
    request.model,
    "serve this request",
  );
  return rankCandidates(catalog, capable, estimate, rotation);
}
