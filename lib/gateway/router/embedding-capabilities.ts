import type { CatalogProvider } from "@/lib/gateway/catalog";
import type { ProviderKind } from "@/lib/gateway/providers/registry";

/** What an embeddings request needs from a deployment, read once from the request. */
export interface EmbeddingNeeds {
  /** Some input is a token array (ids of OpenAI's tokenizer). */
  tokenArrays: boolean;
  /** Inputs in the request, one vector each. */
  inputs: number;
}

/**
 * Inputs one upstream call may carry: OpenAI's reference allows 2048; Gemini's
 * `batchEmbedContents` refuses more than 100 requests in one batch.
 */
const MAX_INPUTS: Record<ProviderKind, number> = {
  openai_compatible: 2048,
  gemini: 100,
  anthropic: 0,
};

/** Providers whose embedding models read token arrays: OpenAI's own, whose tokenizer made them. */
const TOKEN_ARRAY_PROVIDERS: ReadonlySet<string> = new Set(["openai"]);

/**
 * The first need this provider cannot meet for an embeddings request, as the parameter
 * that asks for it and a reason for the "why" trail; undefined when it can serve it.
 */
export function unmetEmbeddingNeed(
  provider: Pick<CatalogProvider, "id" | "kind">,
  needs: EmbeddingNeeds,
): { param: string; reason: string } | undefined {
  if (needs.tokenArrays && !TOKEN_ARRAY_PROVIDERS.has(provider.id))
    return { param: "input", reason: "does not take token arrays (its tokenizer is not OpenAI's)" };
  const max = MAX_INPUTS[provider.kind];
  if (needs.inputs > max)
    return { param: "input", reason: `takes at most ${max} inputs a request` };
  return undefined;
}
