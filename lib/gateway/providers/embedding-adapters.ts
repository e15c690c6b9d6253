import { geminiEmbeddings } from "@/lib/gateway/providers/gemini/embeddings";
import { openAICompatibleEmbeddings } from "@/lib/gateway/providers/openai-compatible/embeddings";
import type { ProviderKind } from "@/lib/gateway/providers/registry";
import type { EmbeddingAdapter } from "@/lib/gateway/providers/types";

/**
 * The embeddings translator of each provider kind. A full `Record`, so a kind added to
 * `ProviderKind` must say here whether it embeds. Anthropic has no embeddings API (its
 * documentation points to Voyage AI): undefined, so an Anthropic deployment is never an
 * embeddings candidate.
 */
export const EMBEDDING_ADAPTERS: Record<ProviderKind, EmbeddingAdapter | undefined> = {
  openai_compatible: openAICompatibleEmbeddings,
  gemini: geminiEmbeddings,
  anthropic: undefined,
};
