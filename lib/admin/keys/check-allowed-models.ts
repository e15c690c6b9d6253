import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { providerWildcard } from "@/lib/gateway/router/resolve-deployments";
import { quoteInput } from "@/lib/http/quote-input";

/**
 * Refuses a model name the catalogue does not know (a deployment's `provider/model`, one
 * of its aliases, enabled or not, or `provider/*` for a provider that has deployments),
 * since a key limited to a misspelt name can use
 * nothing. Names in `kept` (already on the key) pass, so a model that left the
 * catalogue does not block other edits.
 * @throws ApiError `invalid_request_error` naming `allowedModels.<index>`
 */
export async function checkAllowedModels(
  names: readonly string[],
  kept: readonly string[] = [],
): Promise<void> {
  if (names.length === 0) return;
  const deployments = await getPrisma().deployment.findMany({
    select: { providerId: true, model: true, aliases: true },
  });
  const known = new Set(kept);
  for (const d of deployments) {
    known.add(`${d.providerId}/${d.model}`);
    known.add(providerWildcard(d.providerId));
    for (const alias of d.aliases) known.add(alias);
  }
  const index = names.findIndex((name) => !known.has(name));
  if (index < 0) return;
  throw new ApiError(
    "invalid_request_error",
    `Invalid value for 'allowedModels.${index}': ${quoteInput(names[index]!)} is not a model of the catalogue; give a 'provider/model' name, an alias, or 'provider/*' for every model of a provider (GET /v1/models or /api/admin/prices lists them).`,
    { param: `allowedModels.${index}` },
  );
}
