import { ApiError } from "@/lib/errors";
import { quoteInput } from "@/lib/http/quote-input";
import type { DeploymentKind } from "./deployment-schemas";

/** What the catalogue's naming rules read of a deployment. */
export interface NamedDeployment {
  id: string;
  providerId: string;
  /** The upstream model id. */
  model: string;
  aliases: readonly string[];
  kind: DeploymentKind;
}

/**
 * Whether a deployment, as it would be stored, keeps the catalogue's names unambiguous
 * against every other stored deployment (disabled ones included: they may be enabled
 * again). An alias may name several deployments, which is how a model fails over
 * across providers, but:
 * - `provider/model` names one deployment;
 * - an alias names deployments of one kind, so no chat request routes to an embedding
 *   model nor the reverse;
 * - an embedding alias names one upstream model: vectors of two models live in different
 *   spaces, even at the same dimension, so they cannot stand in for each other.
 * @param param the field the caller changed that breaks a rule of kind (`kind` when an
 *   edit changed the kind, else `aliases`)
 * @returns an ApiError `conflict` (409) naming the rule and the other deployment, or null
 */
export function nameConflict(
  candidate: NamedDeployment,
  others: readonly NamedDeployment[],
  param: "kind" | "aliases" = "aliases",
): ApiError | null {
  const rest = others.filter((o) => o.id !== candidate.id);
  const publicName = `${candidate.providerId}/${candidate.model}`;
  if (rest.some((o) => o.providerId === candidate.providerId && o.model === candidate.model))
    return new ApiError("conflict", `A deployment ${quoteInput(publicName)} already exists.`, {
      param: "model",
    });
  for (const alias of candidate.aliases) {
    for (const other of rest.filter((o) => o.aliases.includes(alias))) {
      const otherName = `${other.providerId}/${other.model}`;
      if (other.kind !== candidate.kind)
        return new ApiError(
          "conflict",
          `The alias ${quoteInput(alias)} also names ${otherName}, ${other.kind === "embedding" ? "an" : "a"} ${other.kind} deployment: one alias cannot name both a chat and an embedding deployment.`,
          { param },
        );
      if (candidate.kind === "embedding" && other.model !== candidate.model)
        return new ApiError(
          "conflict",
          `The alias ${quoteInput(alias)} already names the embedding model ${otherName}: an embedding alias names one model, since the vectors of two models cannot stand in for each other.`,
          { param },
        );
    }
  }
  return null;
}
