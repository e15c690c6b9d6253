import { ApiError } from "@/lib/errors";
import type { Catalog, CatalogDeployment, DeploymentKind } from "@/lib/gateway/catalog";
import { quoteInput } from "@/lib/http/quote-input";

/** The alias that means "the cheapest online deployment this key may use". */
export const AUTO_MODEL = "auto";

/** The paths each kind of deployment serves, for the message when a model is sent to the other. */
const PATHS_OF: Record<DeploymentKind, string> = {
  chat: "/v1/chat/completions, /v1/messages and /v1/responses",
  embedding: "/v1/embeddings",
};

/** The allowed-models entry that grants every deployment of a provider: `openai/*`. */
export function providerWildcard(providerId: string): string {
  return `${providerId}/*`;
}

/**
 * Whether a key restricted to `allowed` names may use this deployment: by its
 * `provider/model` name, one of its aliases, or its provider's wildcard (`openai/*`,
 * which also grants deployments that provider gains later). Empty: every deployment.
 */
export function isDeploymentAllowed(
  deployment: CatalogDeployment,
  allowed: readonly string[],
): boolean {
  if (allowed.length === 0) return true;
  return (
    allowed.includes(deployment.publicName) ||
    allowed.includes(providerWildcard(deployment.providerId)) ||
    deployment.aliases.some((a) => allowed.includes(a))
  );
}

/**
 * Deployments of `kind` that answer to `model`: `auto`, an exact `provider/model`, or an
 * alias. Deployments of the other kind never answer, so a chat request can never reach an
 * embedding model nor the reverse. An unknown name is the caller's mistake (400, saying
 * which path serves a model of the other kind); a known one the key may not use is 403.
 */
export function resolveDeployments(
  catalog: Catalog,
  model: string,
  kind: DeploymentKind,
  allowed: readonly string[],
  routable: (d: CatalogDeployment) => boolean,
): CatalogDeployment[] {
  const answers = (d: CatalogDeployment) => d.publicName === model || d.aliases.includes(model);
  const live = catalog.deployments.filter((d) => d.kind === kind && routable(d));
  const named = model === AUTO_MODEL ? live : live.filter(answers);
  if (named.length === 0) {
    const other = catalog.deployments.find((d) => d.kind !== kind && answers(d));
    throw new ApiError(
      "model_not_found",
      other
        ? `The model ${quoteInput(model)} is ${other.kind === "embedding" ? "an embedding" : "a chat"} model: it serves ${PATHS_OF[other.kind]}, not this path.`
        : `The model ${quoteInput(model)} does not exist or is not served by this gateway. GET /v1/models lists the models your key may use.`,
      { param: "model" },
    );
  }
  if (model === AUTO_MODEL && allowed.includes(AUTO_MODEL)) return named;
  const permitted = named.filter((d) => isDeploymentAllowed(d, allowed));
  if (permitted.length === 0) {
    throw new ApiError(
      "model_not_allowed",
      `This API key is not allowed to use the model ${quoteInput(model)}.`,
      { param: "model" },
    );
  }
  return permitted;
}
