import { MAX_TRAIL_CHARS } from "@/lib/gateway/pipeline/no-provider-answer";
import { usageLabel, usageLabelOrNull } from "./usage-label";

/**
 * One metered request, as the gateway hands it to the meter. Build it with `usageEvent`
 * so every field is storable. New columns are added here as optional fields, so an
 * event journaled by an older build still replays.
 */
export interface UsageEvent {
  requestId: string;
  tenantId: string;
  apiKeyId: string;
  /** The model the caller asked for, as a bounded, sanitised label. */
  modelRequested: string;
  providerId: string | null;
  deploymentId: string | null;
  credentialId: string | null;
  upstreamModel: string | null;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  tokensEstimated: boolean;
  /** Pico-dollars. */
  upstreamCostPicos: number;
  /** Pico-dollars. */
  billedPicos: number;
  latencyMs: number;
  ttfbMs: number | null;
  /** The status the caller got; 499 when the client went away first. */
  httpStatus: number;
  errorClass: string | null;
  attempts: number;
  streamed: boolean;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Prompt tokens written to the provider's cache (Anthropic). */
  cacheWriteTokens?: number;
  /** The prices (micro-dollars per 1M tokens) the money above was computed with. */
  prices?: UsagePrices | null;
  /** The request's `user` field (a reseller's end user), bounded. */
  endUser?: string | null;
  /** `x-gateway-tags` / `metadata` tags, bounded in number and length. */
  tags?: string[];
  /** Which API the request came in by (`chat`, `messages`, `responses`, `embeddings`); absent is chat. */
  api?: string;
  /**
   * Each credential tried or skipped and why, when no provider served: what the client's
   * short 503 leaves out. Bounded (see MAX_TRAIL_CHARS).
   */
  failoverTrail?: string | null;
}

/** The prices one usage row was computed with, kept on it so a later edit never rewrites history. */
export interface UsagePrices {
  inputPricePer1MMicros: number;
  outputPricePer1MMicros: number;
  cachedInputPricePer1MMicros: number | null;
  cacheWritePricePer1MMicros: number | null;
  /** What the tenant is billed per 1M tokens for this request (its overage price). */
  billedPricePer1MMicros: number;
}

export interface UsageSink {
  record(event: UsageEvent): void;
  /** Told of work that will `record` later (token counting), so shutdown can wait for it. */
  track?(work: Promise<void>): void;
  /** False while usage can be written nowhere: new metered requests are then refused. */
  admits?(): boolean;
}

const INT4_MAX = 2_147_483_647;

/** A whole number in [0, max]; anything else (NaN, negative, fraction) is clamped. */
function count(n: unknown, max = INT4_MAX): number {
  if (typeof n !== "number" || !Number.isFinite(n) || n <= 0) return 0;
  return Math.min(Math.floor(n), max);
}

/**
 * A usage event that Postgres can store, whatever it was given: strings without NUL or
 * lone surrogates and at most 200 characters, counts as non-negative integers within
 * their columns, money as safe integers, a valid time. Never throws.
 */
export function usageEvent(e: UsageEvent): UsageEvent {
  const createdAt =
    Number.isFinite(e.createdAt) && e.createdAt > 0 && e.createdAt < 8.64e15
      ? Math.floor(e.createdAt)
      : Date.now();
  return {
    ...e,
    requestId: usageLabel(e.requestId),
    tenantId: usageLabel(e.tenantId),
    apiKeyId: usageLabel(e.apiKeyId),
    modelRequested: usageLabel(e.modelRequested),
    providerId: usageLabelOrNull(e.providerId),
    deploymentId: usageLabelOrNull(e.deploymentId),
    credentialId: usageLabelOrNull(e.credentialId),
    upstreamModel: usageLabelOrNull(e.upstreamModel),
    promptTokens: count(e.promptTokens),
    completionTokens: count(e.completionTokens),
    cachedTokens: count(e.cachedTokens),
    tokensEstimated: e.tokensEstimated === true,
    upstreamCostPicos: count(e.upstreamCostPicos, Number.MAX_SAFE_INTEGER),
    billedPicos: count(e.billedPicos, Number.MAX_SAFE_INTEGER),
    latencyMs: count(e.latencyMs),
    ttfbMs: e.ttfbMs === null ? null : count(e.ttfbMs),
    httpStatus: count(e.httpStatus, 999),
    errorClass: usageLabelOrNull(e.errorClass),
    attempts: count(e.attempts),
    streamed: e.streamed === true,
    createdAt,
    ...(e.cacheWriteTokens !== undefined ? { cacheWriteTokens: count(e.cacheWriteTokens) } : {}),
    ...(e.api !== undefined ? { api: usageLabel(e.api, 32) } : {}),
    ...(e.endUser !== undefined ? { endUser: usageLabelOrNull(e.endUser, 128) } : {}),
    ...(e.failoverTrail !== undefined
      ? { failoverTrail: usageLabelOrNull(e.failoverTrail, MAX_TRAIL_CHARS) }
      : {}),
    ...(e.tags !== undefined
      ? { tags: (Array.isArray(e.tags) ? e.tags : []).slice(0, 10).map((t) => usageLabel(t, 64)) }
      : {}),
  };
}
