import { ApiError } from "@/lib/errors";
import type { CatalogDeployment } from "@/lib/gateway/catalog";
import { quoteInput } from "@/lib/http/quote-input";

/**
 * The model behind an embedding deployment, as its vectors know it: the upstream model id
 * without a vendor or `models/` path, in lower case. OpenRouter names OpenAI's
 * text-embedding-3-small `openai/text-embedding-3-small` and Gemini takes
 * `models/gemini-embedding-001`; each is the same model (and the same vector space) as
 * the bare id elsewhere.
 */
export function embeddingModelOf(deployment: Pick<CatalogDeployment, "model">): string {
  const id = deployment.model;
  return id.slice(id.lastIndexOf("/") + 1).toLowerCase();
}

/**
 * Embedding requests fail over only between deployments of one model: vectors of two
 * models live in different spaces, even at the same dimension, so a search index filled
 * by one cannot be queried with the other. A name (`auto` or an alias) that resolves to
 * deployments of several models is refused instead of picking one by price.
 * @throws ApiError 400 `invalid_request_error` (param `model`) naming the models found.
 */
export function requireOneEmbeddingModel(
  model: string,
  deployments: readonly CatalogDeployment[],
): void {
  const models = [...new Set(deployments.map(embeddingModelOf))].sort();
  if (models.length <= 1) return;
  throw new ApiError(
    "invalid_request_error",
    `${quoteInput(model)} names ${models.length} embedding models (${models.join(", ")}); vectors of different models cannot be mixed, so name one of them (provider/model or an alias of a single model).`,
    { param: "model" },
  );
}
