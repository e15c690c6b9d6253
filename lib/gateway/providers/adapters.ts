import { anthropicAdapter } from "@/lib/gateway/providers/anthropic/adapter";
import { geminiAdapter } from "@/lib/gateway/providers/gemini/adapter";
import { openAICompatibleAdapter } from "@/lib/gateway/providers/openai-compatible/adapter";
import type { ProviderKind } from "@/lib/gateway/providers/registry";
import type { ProviderAdapter } from "@/lib/gateway/providers/types";

/**
 * One adapter for every provider kind. A full `Record` (not `Partial`) on purpose: a
 * kind added to `ProviderKind` without a translator fails to compile here, naming it.
 */
export const PROVIDER_ADAPTERS: Record<ProviderKind, ProviderAdapter> = {
  openai_compatible: openAICompatibleAdapter,
  gemini: geminiAdapter,
  anthropic: anthropicAdapter,
};
