import { embeddingInputs, type EmbeddingsRequest } from "@/lib/gateway/embeddings-request";
import type { GatewayDeps } from "@/lib/gateway/gateway-deps";
import { countTokens } from "@/lib/gateway/metering/count-tokens";
import { EMBEDDING_ADAPTERS } from "@/lib/gateway/providers/embedding-adapters";
import type { TokenUsage } from "@/lib/gateway/providers/types";
import type { TokenEstimate } from "@/lib/gateway/router/rank-candidates";
import { planEmbeddingCandidates } from "./plan-embedding-candidates";
import type { RoutedWork } from "./routed-work";

/** An embeddings request as an inbound API reads it. */
export interface EmbeddingsRead {
  kind: "embedding";
  request: EmbeddingsRequest;
  /** Input tokens from the body size; no output. */
  estimate: TokenEstimate;
}

/**
 * An embeddings request as the pipeline's work: routed to embedding deployments of one
 * model (plan-embedding-candidates.ts), never streamed, sent through each provider's
 * embeddings translator, metered on input tokens only (counted by the gateway when the
 * upstream reports none, and then stated in the answer's `usage`).
 */
export function embeddingsWork(
  deps: Pick<GatewayDeps, "catalog">,
  { request, estimate }: EmbeddingsRead,
): RoutedWork<EmbeddingsRequest> {
  const inputs = embeddingInputs(request);
  return {
    metered: {
      model: request.model,
      stream: false,
      maxOutputTokens: 0,
      inputs: inputs.length,
      countPromptTokens: () => countInputTokens(inputs),
    },
    estimate,
    labels: { user: request.user },
    plan: (key, rotation, skipped) =>
      planEmbeddingCandidates(deps.catalog(), key, request, estimate, rotation, skipped),
    job: {
      model: request.model,
      request,
      stream: false,
      clientWantsUsage: false,
      adapterFor: (kind) => {
        const adapter = EMBEDDING_ADAPTERS[kind];
        // The planner keeps such providers out; reaching here is a bug, not bad input.
        if (!adapter) throw new Error(`provider kind ${kind} has no embeddings translator`);
        return adapter;
      },
    },
    withUsage: withEmbeddingUsage,
  };
}

/** Tokens: a text as OpenAI's tokenizer counts it, a token array by its length. */
async function countInputTokens(inputs: readonly (string | number[])[]): Promise<number> {
  let total = 0;
  for (const input of inputs)
    total += typeof input === "string" ? await countTokens(input) : input.length;
  return total;
}

/**
 * OpenAI's `usage` (`prompt_tokens`, `total_tokens`) added to an answer built without one.
 * The answer is the gateway's own JSON object (see providers/gemini/embeddings.ts), so the
 * field is spliced in before its closing brace rather than parsing megabytes of vectors.
 */
export function withEmbeddingUsage(body: string, usage: TokenUsage): string {
  const end = body.lastIndexOf("}");
  const tokens = usage.promptTokens;
  const field = `"usage":{"prompt_tokens":${tokens},"total_tokens":${tokens}}`;
  if (end < 0) return body;
  const empty = body.slice(0, end).trimEnd().endsWith("{");
  return `${body.slice(0, end)}${empty ? "" : ","}${field}${body.slice(end)}`;
}
