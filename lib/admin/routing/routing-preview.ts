import { ApiError } from "@/lib/errors";
import type { Catalog, CatalogDeployment } from "@/lib/gateway/catalog";
import {
  ChatCompletionRequestSchema,
  type ChatCompletionRequest,
} from "@/lib/gateway/chat-request";
import type { EmbeddingsRequest } from "@/lib/gateway/embeddings-request";
import { planCandidates } from "@/lib/gateway/pipeline/plan-candidates";
import { planEmbeddingCandidates } from "@/lib/gateway/pipeline/plan-embedding-candidates";
import { PROVIDER_ADAPTERS } from "@/lib/gateway/providers/adapters";
import type { BreakerRegistry } from "@/lib/gateway/resilience/breaker-registry";
import { credentialScopeKey, providerScopeKey } from "@/lib/gateway/resilience/breaker-registry";
import type { TokenEstimate } from "@/lib/gateway/router/rank-candidates";
import type { RoutingPreviewQuery } from "./routing-schemas";

/** The request the preview prices: a short prompt and a typical answer (tokens). */
export const PREVIEW_TOKENS = { inputTokens: 1_000, outputTokens: 256 } as const;
/** An embeddings request of the same input: no output. */
const EMBEDDING_PREVIEW_TOKENS = { inputTokens: PREVIEW_TOKENS.inputTokens, outputTokens: 0 };

export interface PreviewCandidate {
  rank: number;
  model: string;
  deploymentId: string;
  provider: string;
  /** null for a deployment skipped before any credential is looked at (it cannot serve the request). */
  credentialId: string | null;
  credential: string | null;
  inputPricePer1MMicros: number;
  outputPricePer1MMicros: number;
  /** Upstream cost of the preview request here, exact, pico-dollars. */
  expectedCostPicos: number;
  /** The same to the nearest micro-dollar. */
  expectedCostMicros: number;
  breakerState: string;
  /** null: usable now; otherwise the gateway's own reason for passing over it. */
  skipped: string | null;
  chosen: boolean;
}

/** The query as the preview takes it: `kind` absent is chat. */
type PreviewQuery = Omit<RoutingPreviewQuery, "model" | "kind"> & {
  model: string;
  kind?: RoutingPreviewQuery["kind"];
};

/** What the preview reads: this instance's catalogue and breakers, at `now` (epoch ms). */
export interface PreviewState {
  catalog: Catalog;
  breakers: Pick<BreakerRegistry, "wouldAdmit" | "blockedReason" | "snapshot">;
  now: number;
}

/**
 * What `model` (`auto`, `provider/model` or an alias) would be routed to right now and
 * why, for a chat request or (`kind: "embedding"`) an embeddings request, asked of the
 * gateway's own steps: `planCandidates` or `planEmbeddingCandidates` (names and allowed models,
 * capabilities, ranking by expected price, then name), then each candidate's breakers
 * as the failover loop asks them (`wouldAdmit`, which takes no probe slot, and
 * `blockedReason`). Deployments that cannot serve the request come first, as in the
 * gateway's trail; the first usable candidate is marked chosen. The gateway rotates a
 * deployment's credentials from one request to the next; the preview shows rotation 0.
 * An unknown or refused name, or a request no deployment can serve, answers no
 * candidate to choose and the gateway's message in `error`.
 */
export function routingPreview(
  query: PreviewQuery,
  { catalog, breakers, now }: PreviewState,
): {
  model: string;
  kind: "chat" | "embedding";
  tokens: TokenEstimate;
  candidates: PreviewCandidate[];
  chosen: PreviewCandidate | null;
  error: string | null;
} {
  const skipped: { provider: string; credential: string; reason: string }[] = [];
  const deps = { catalog: () => catalog, adapters: PROVIDER_ADAPTERS };
  const key = { allowedModels: query.allowedModels ?? [] };
  const embedding = query.kind === "embedding";
  const tokens = embedding ? EMBEDDING_PREVIEW_TOKENS : PREVIEW_TOKENS;
  let planned: ReturnType<typeof planCandidates> = [];
  let error: string | null = null;
  try {
    planned = embedding
      ? planEmbeddingCandidates(catalog, key, previewEmbeddings(query.model), tokens, 0, skipped)
      : planCandidates(deps, key, previewRequest(query), tokens, 0, skipped);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    error = err.message;
  }
  const stateOf = (scopeKey: string) => breakers.snapshot(scopeKey)?.state ?? "closed";
  const incapable = skipped.flatMap((s) => {
    const d = deploymentNamed(catalog, s.reason);
    return d ? [entry(d, tokens, null, stateOf(providerScopeKey(d.providerId)), s.reason)] : [];
  });
  const ranked = planned.map((c) => {
    const providerState = stateOf(providerScopeKey(c.provider.id));
    return entry(
      c.deployment,
      tokens,
      c.credential,
      providerState !== "closed" ? providerState : stateOf(credentialScopeKey(c.credential.id)),
      breakers.wouldAdmit(c, now) ? null : breakers.blockedReason(c),
    );
  });
  const candidates = [...incapable, ...ranked];
  candidates.forEach((c, i) => (c.rank = i + 1));
  const chosen = candidates.find((c) => c.skipped === null) ?? null;
  if (chosen) chosen.chosen = true;
  return { model: query.model, kind: query.kind ?? "chat", tokens, candidates, chosen, error };
}

function entry(
  d: CatalogDeployment,
  tokens: TokenEstimate,
  credential: { id: string; label: string; last4: string } | null,
  breakerState: string,
  skipped: string | null,
): PreviewCandidate {
  // tokens x micro-dollars per 1M tokens = pico-dollars, a whole number.
  const cost =
    tokens.inputTokens * d.inputPricePer1MMicros + tokens.outputTokens * d.outputPricePer1MMicros;
  return {
    rank: 0,
    model: d.publicName,
    deploymentId: d.id,
    provider: d.providerId,
    credentialId: credential?.id ?? null,
    credential: credential ? `${credential.label} …${credential.last4}` : null,
    inputPricePer1MMicros: d.inputPricePer1MMicros,
    outputPricePer1MMicros: d.outputPricePer1MMicros,
    expectedCostPicos: cost,
    expectedCostMicros: Math.round(cost / 1_000_000),
    breakerState,
    skipped,
    chosen: false,
  };
}

/** The gateway's capability trail names the deployment first: `provider/model does not ...`. */
function deploymentNamed(catalog: Catalog, reason: string): CatalogDeployment | undefined {
  return catalog.deployments
    .filter((d) => reason.startsWith(`${d.publicName} `))
    .sort((a, b) => b.publicName.length - a.publicName.length)[0];
}

/** An embeddings request of about `PREVIEW_TOKENS.inputTokens` tokens, one input. */
function previewEmbeddings(model: string): EmbeddingsRequest {
  return { model, input: "x".repeat(PREVIEW_TOKENS.inputTokens * 4) };
}

/**
 * A chat request shaped like the preview: a prompt of about `PREVIEW_TOKENS.inputTokens`
 * tokens (the gateway estimates 4 characters a token), the typical answer as its
 * output cap, and whatever the query says it needs.
 */
function previewRequest(query: PreviewQuery): ChatCompletionRequest {
  const text = "x".repeat(PREVIEW_TOKENS.inputTokens * 4);
  return ChatCompletionRequestSchema.parse({
    model: query.model,
    messages: [
      {
        role: "user",
        content: query.images
          ? [
              { type: "text", text },
              { type: "image_url", image_url: { url: "data:image/png;base64,AA==" } },
            ]
          : text,
      },
    ],
    max_tokens: PREVIEW_TOKENS.outputTokens,
    ...(query.tools
      ? {
          tools: [
            { type: "function", function: { name: "preview", parameters: { type: "object" } } },
          ],
        }
      : {}),
    ...(query.jsonSchema
      ? {
          response_format: {
            type: "json_schema",
            json_schema: { name: "preview", schema: { type: "object" } },
          },
        }
      : {}),
    ...(query.n ? { n: query.n } : {}),
  });
}
