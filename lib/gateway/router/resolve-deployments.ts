import { ApiError } from "@/lib/errors";
import type { Catalog, CatalogDeployment } from "@/lib/gateway/catalog";
import { quoteInput } from "@/lib/http/quote-input";

/** The alias that means "the cheapest online deployment this key may use". */
export const AUTO_MODEL = "auto";

/** Whether a key restricted to `allowed` names may use this deployment. */
export function isDeploymentAllowed(
  deployment: CatalogDeployment,
  allowed: readonly string[],
): boolean {
  if (allowed.length === 0) return true;
  return (
    allowed.includes(deployment.publicName) || deployment.aliases.some((a) => allowed.includes(a))
  );
}

/**
 * Deployments that answer to `model`: `auto`, an exact `provider/model`, or an alias.
 * An unknown name is the caller's mistake (400); a known one the key may not use is 403.
 */
export function resolveDeployments(
  catalog: Catalog,
  model: string,
  allowed: readonly string[],
  routable: (d: CatalogDeployment) => boolean,
): CatalogDeployment[] {
  const live = catalog.deployments.filter(routable);
  const named =
    model === AUTO_MODEL
      ? live
      : live.filter((d) => d.publicName === model || d.aliases.includes(model));
  if (named.length === 0) {
    throw new ApiError(
      "model_not_found",
      `The model ${quoteInput(model)} does not exist or is not served by this gateway. GET /v1/models lists the models your key may use.`,
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
