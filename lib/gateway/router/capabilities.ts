import type { ChatCompletionRequest } from "@/lib/gateway/chat-request";
import type { CatalogDeployment, CatalogProvider } from "@/lib/gateway/catalog";
import type { ProviderKind } from "@/lib/gateway/providers/registry";

/** What a request needs from a deployment, read once from the request. */
export interface RequestNeeds {
  tools: boolean;
  images: boolean;
  /** `response_format: {type: "json_schema"}`. */
  jsonSchema: boolean;
  /** Choices asked for (`n`). */
  n: number;
  /** Prompt tokens (estimated) plus the completion tokens asked for, against the context window. */
  contextTokens: number;
}

/** What a deployment can serve. `maxN` 1 means one choice per request. */
export interface Capabilities {
  tools: boolean;
  images: boolean;
  jsonSchema: boolean;
  maxN: number;
}

const FULL: Capabilities = { tools: true, images: true, jsonSchema: true, maxN: 128 };

/**
 * What each adapter and provider supports, written down once. Anthropic answers one
 * choice and has no `response_format`; Gemini takes `n` as `candidateCount`. Images are
 * a model's trait at most OpenAI-compatible hosts, matched by name where the provider
 * documents vision models.
 */
const BY_KIND: Record<ProviderKind, Capabilities> = {
  openai_compatible: FULL,
  anthropic: { tools: true, images: true, jsonSchema: false, maxN: 1 },
  // Gemini's candidateCount; its models answer up to 8 candidates.
  gemini: { tools: true, images: true, jsonSchema: true, maxN: 8 },
};

const VISION_MODEL =
  /vision|pixtral|llama-4|grok-4|gpt-4o|gpt-4\.1|gpt-5|o[134]\b|-vl\b|gemma-3|mistral-(?:small|medium)/i;

const BY_PROVIDER: Readonly<Record<string, (model: string) => Partial<Capabilities>>> = {
  // DeepSeek's chat API is text-only and offers json_object, not json_schema; n is 1.
  deepseek: () => ({ images: false, jsonSchema: false, maxN: 1 }),
  // Groq: "n must be 1"; vision only on vision models.
  groq: (model) => ({ images: VISION_MODEL.test(model), maxN: 1 }),
  mistral: (model) => ({ images: VISION_MODEL.test(model) }),
  together: (model) => ({ images: VISION_MODEL.test(model) }),
  xai: (model) => ({ images: VISION_MODEL.test(model) }),
  // OpenRouter routes to models of every kind and returns a single choice.
  openrouter: () => ({ maxN: 1 }),
};

export function capabilitiesOf(
  provider: Pick<CatalogProvider, "id" | "kind">,
  deployment: Pick<CatalogDeployment, "model">,
): Capabilities {
  const own = BY_PROVIDER[provider.id]?.(deployment.model) ?? {};
  return { ...BY_KIND[provider.kind], ...own };
}

function hasImage(request: ChatCompletionRequest): boolean {
  return request.messages.some(
    (m) => Array.isArray(m.content) && m.content.some((part) => part.type === "image_url"),
  );
}

/** Tokens: `promptTokens` is the caller's estimate of the prompt. */
export function needsOf(request: ChatCompletionRequest, promptTokens: number): RequestNeeds {
  return {
    tools: (request.tools?.length ?? 0) > 0,
    images: hasImage(request),
    jsonSchema: request.response_format?.type === "json_schema",
    n: request.n ?? 1,
    contextTokens: promptTokens + (request.max_completion_tokens ?? request.max_tokens ?? 0),
  };
}

/**
 * The first need this deployment cannot meet, as the request parameter that asks for
 * it and a reason for the "why" trail; undefined when it can serve the request.
 */
export function unmetNeed(
  provider: Pick<CatalogProvider, "id" | "kind">,
  deployment: Pick<CatalogDeployment, "model" | "contextWindow">,
  needs: RequestNeeds,
): { param: string; reason: string } | undefined {
  const can = capabilitiesOf(provider, deployment);
  if (needs.tools && !can.tools) return { param: "tools", reason: "does not support tools" };
  if (needs.images && !can.images) return { param: "messages", reason: "does not accept images" };
  if (needs.jsonSchema && !can.jsonSchema)
    return { param: "response_format", reason: "does not support response_format json_schema" };
  if (needs.n > can.maxN)
    return { param: "n", reason: `returns at most ${can.maxN} choice${can.maxN === 1 ? "" : "s"}` };
  if (deployment.contextWindow !== null && needs.contextTokens > deployment.contextWindow) {
    return {
      param: "messages",
      reason: `context window of ${deployment.contextWindow} tokens is smaller than the ~${needs.contextTokens} this request needs`,
    };
  }
  return undefined;
}
