import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { quoteInput } from "@/lib/http/quote-input";

/**
 * Refuses a model name the catalogue does not know (a deployment's `provider/model` or
 * one of its aliases, enabled or not), since a key limited to a misspelt name can use
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
    for (const alias of d.aliases) known.add(alias);
  }
  const index = names.findIndex((name) => !known.has(name));
  if (index < 0) return;
  throw new ApiError(
    "invalid_request_error",
    `Invalid value for 'allowedModels.${index}': ${quoteInput(names[index]!)} is not a model of the catalogue; give a 'provider/model' name or an alias (GET /v1/models or /api/admin/prices lists them).`,
    { param: `allowedModels.${index}` },
  );
}
