import { ApiError } from "@/lib/errors";
import type { Catalog, CatalogDeployment, CatalogProvider } from "@/lib/gateway/catalog";
import { quoteInput } from "@/lib/http/quote-input";

/** Why a deployment cannot serve a request: the parameter it concerns and a short reason. */
export interface Gap {
  param: string;
  reason: string;
}

/**
 * The deployments that can serve a request, before any upstream call; each one left out
 * is written to `skipped` (the "why" trail) as `<provider/model> <reason>`.
 * @param gapOf what stops a deployment of that provider from serving, or undefined
 * @param model the name the caller asked for, quoted in the refusal
 * @param verb the refusal's wording: "serve this request", "take this input"
 * @throws ApiError 400 naming the first gap's parameter when every deployment has one.
 */
export function keepCapable(
  catalog: Catalog,
  deployments: readonly CatalogDeployment[],
  gapOf: (provider: CatalogProvider, deployment: CatalogDeployment) => Gap | undefined,
  skipped: { provider: string; credential: string; reason: string }[],
  model: string,
  verb: string,
): CatalogDeployment[] {
  const capable: CatalogDeployment[] = [];
  const unmet: Gap[] = [];
  for (const d of deployments) {
    const provider = catalog.providers.get(d.providerId);
    const gap = provider ? gapOf(provider, d) : undefined;
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
      `No deployment of ${quoteInput(model)} can ${verb}: ${unmet.map((u) => u.reason).join("; ")}.`,
      { param: unmet[0]!.param },
    );
  }
  return capable;
}
