import { ApiError } from "@/lib/errors";
import type { Catalog, CatalogDeployment } from "@/lib/gateway/catalog";
import { messagesText, type ChatCompletionRequest } from "@/lib/gateway/chat-request";
import type { GatewayDeps } from "@/lib/gateway/gateway-deps";
import {
  rankCandidates,
  type Candidate,
  type TokenEstimate,
} from "@/lib/gateway/router/rank-candidates";
import { needsOf, unmetNeed } from "@/lib/gateway/router/capabilities";
import { resolveDeployments } from "@/lib/gateway/router/resolve-deployments";
import type { TenantKey } from "@/lib/gateway/keys/tenant-key";
import { quoteInput } from "@/lib/http/quote-input";

/**
 * Every (chat deployment, credential) that may serve this chat request, cheapest expected
 * price first (embedding deployments never: see plan-embedding-candidates.ts); breakers
 * are asked later, one attempt at a time.
 * Deployments that cannot serve the request are left out, each with its reason in
 * `skipped` (the "why" trail).
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
  return rankCandidates(
    catalog,
    filterCapable(catalog, deployments, request, skipped),
    estimate,
    rotation,
  );
}

/**
 * Deployments that can serve what the request asks for (tools, images, json_schema,
 * `n`, context window); each one skipped is written to the "why" trail. Runs before
 * any upstream call.
 * @throws ApiError 400 naming the parameter when no deployment can serve it.
 */
function filterCapable(
  catalog: Catalog,
  deployments: readonly CatalogDeployment[],
  request: ChatCompletionRequest,
  skipped: { provider: string; credential: string; reason: string }[],
): CatalogDeployment[] {
  // Text only: inline images would make a body-size estimate skip every deployment.
  const needs = needsOf(request, Math.ceil(messagesText(request.messages).length / 4));
  const capable: CatalogDeployment[] = [];
  const unmet: { param: string; reason: string }[] = [];
  for (const d of deployments) {
    const provider = catalog.providers.get(d.providerId);
    const gap = provider ? unmetNeed(provider, d, needs) : undefined;
    if (!gap) {
      capable.push(d);
      continue;
    }
    const reason = `${d.publicName} ${gap.reason}`;
    unmet.push({ param: gap.param, reason });
    skipped.push({ provider: d.providerId, credential: "*", reason });
  }
  if (capable.length === 0 && unmet.length > 0) {
    throw new ApiError(
      "invalid_request_error",
      `No deployment of ${quoteInput(request.model)} can serve this request: ${unmet.map((u) => u.reason).join("; ")}.`,
      { param: unmet[0]!.param },
    );
  }
  return capable;
}
