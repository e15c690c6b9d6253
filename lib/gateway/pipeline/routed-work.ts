import type { InboundRender } from "@/lib/gateway/inbound/inbound-api";
import type { TenantKey } from "@/lib/gateway/keys/tenant-key";
import type { MeteredRequest } from "@/lib/gateway/metering/metered-request";
import type { ProviderKind } from "@/lib/gateway/providers/registry";
import type { CallTranslator, TokenUsage } from "@/lib/gateway/providers/types";
import type { Candidate, TokenEstimate } from "@/lib/gateway/router/rank-candidates";
import type { Skipped } from "./no-provider-answer";

/**
 * What each attempt of the failover loop sends: the request, the translator of each
 * provider kind for it, and how the answer comes back.
 */
export interface UpstreamJob<R> {
  /** The model as the caller named it (for the 503 when no provider is left). */
  model: string;
  request: R;
  stream: boolean;
  /** The caller asked for the usage chunk on a stream (`stream_options.include_usage`). */
  clientWantsUsage: boolean;
  /** The translator for a provider kind; every planned candidate's kind has one. */
  adapterFor(kind: ProviderKind): CallTranslator<R>;
}

/**
 * What the pipeline routes, attempts and meters, whatever API the request came in by: the
 * chat family (Chat Completions, Messages, Responses) reads into a chat completion,
 * `/v1/embeddings` into an embeddings call. Each step of handle-api-request.ts asks this,
 * never the request's own shape, so a new kind of work is a translator, not a new core.
 */
export interface RoutedWork<R = unknown> {
  metered: MeteredRequest;
  /** Tokens expected before any upstream is asked (input from the body size). */
  estimate: TokenEstimate;
  /** The request's end user and metadata, for spend by end user and by tag. */
  labels: { user?: unknown; metadata?: unknown };
  /**
   * Every (deployment, credential) that may serve it, cheapest first; deployments that
   * cannot serve it are written to `skipped` with the reason.
   * @throws ApiError 400/403 for a model that cannot be routed (see the planner).
   */
  plan(key: Pick<TenantKey, "allowedModels">, rotation: number, skipped: Skipped[]): Candidate[];
  job: UpstreamJob<R>;
  /** The answer in the caller's API when it is not the core's own (chat family only). */
  render?: InboundRender;
  /**
   * The JSON answer with the gateway's count as its usage, for an upstream that reported
   * none (Gemini's embeddings); absent where the answer is sent as the upstream wrote it.
   */
  withUsage?(body: string, usage: TokenUsage): string;
}
