import { ApiError } from "@/lib/errors";
import { attemptUpstream, type AttemptResult } from "@/lib/gateway/attempt-upstream";
import { messagesText, parseChatCompletionRequest, type ChatCompletionRequest } from "@/lib/gateway/chat-request";
import type { UpstreamFailure } from "@/lib/gateway/errors/error-class";
import type { Admission, GatewayDeps } from "@/lib/gateway/gateway-deps";
import type { GatewayRequest, GatewayResponse } from "@/lib/gateway/http-types";
import { countTokens } from "@/lib/gateway/metering/count-tokens";
import { billedPicos, upstreamCostPicos } from "@/lib/gateway/metering/pricing";
import type { UsageEvent } from "@/lib/gateway/metering/usage-event";
import type { TokenUsage } from "@/lib/gateway/providers/types";
import { DEFAULT_EXPECTED_OUTPUT_TOKENS, rankCandidates, type Candidate } from "@/lib/gateway/router/rank-candidates";
import { resolveDeployments } from "@/lib/gateway/router/resolve-deployments";
import { relayStream, type RelayOutcome } from "@/lib/gateway/stream-relay";
import { metrics } from "@/lib/observability/metrics";
import { bearerToken } from "@/lib/tenants/api-key";
import type { TenantKey } from "@/lib/tenants/key-cache";

const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
};

const NO_PROBE: Admission = { providerProbe: false, credentialProbe: false };

interface Skipped {
  provider: string;
  credential: string;
  reason: string;
}

interface Tried {
  provider: string;
  credential: string;
  errorClass: string;
  status?: number;
}

/**
 * POST /v1/chat/completions: authenticate, validate, rank candidates by price, try
 * them in order until one answers, relay the answer, meter it. Every failure the
 * caller sees is OpenAI-shaped; every request after authentication is metered.
 */
export async function handleChatCompletion(deps: GatewayDeps, req: GatewayRequest, requestId: string, rotation: number): Promise<GatewayResponse> {
  const startedAt = Date.now();
  const key = await deps.authenticate(bearerToken(req.header("authorization")));
  let request: ChatCompletionRequest | undefined;
  const tried: Tried[] = [];
  const skipped: Skipped[] = [];
  try {
    request = parseChatCompletionRequest(req.body);
    const catalog = deps.catalog();
    const deployments = resolveDeployments(catalog, request.model, key.allowedModels, (d) => {
      const provider = catalog.providers.get(d.providerId);
      return provider !== undefined && deps.adapters[provider.kind] !== undefined;
    });
    const estimate = {
      inputTokens: Math.ceil((req.body?.length ?? 0) / 4),
      outputTokens: request.max_completion_tokens ?? request.max_tokens ?? DEFAULT_EXPECTED_OUTPUT_TOKENS,
    };
    const candidates = rankCandidates(catalog, deployments, estimate, rotation);
    const stream = request.stream === true;
    const clientWantsUsage = request.stream_options?.include_usage === true;
    const deadline = startedAt + deps.deadlineMs;

    for (const candidate of candidates) {
      if (Date.now() >= deadline) break;
      const admission = deps.health.admit(candidate, Date.now());
      if (!admission) {
        skipped.push({ provider: candidate.provider.id, credential: candidate.credential.label, reason: deps.health.blockedReason(candidate) });
        continue;
      }
      const adapter = deps.adapters[candidate.provider.kind]!;
      const ctx = { baseUrl: candidate.provider.baseUrl, apiKey: candidate.credential.apiKey, upstreamModel: candidate.deployment.model, request, stream };
      // The deadline bounds the search for a provider (each attempt's wait for headers),
      // not the length of a healthy stream.
      const result: AttemptResult = await attemptUpstream(deps.upstream, adapter, candidate, ctx, clientWantsUsage, req.signal, deadline - Date.now());
      if (!result.ok) {
        if (req.signal.aborted) {
          deps.health.release(admission, candidate);
          throw new ApiError("invalid_request_error", "The client closed the request.");
        }
        deps.health.onFailure(candidate, admission, result.failure, requestId);
        metrics().upstreamAttempts.inc({ provider: candidate.provider.id, outcome: result.failure.errorClass });
        tried.push({ provider: candidate.provider.id, credential: candidate.credential.label, errorClass: result.failure.errorClass, status: result.failure.httpStatus });
        if (result.failure.errorClass === "client_error") throw upstreamClientError(result.failure);
        continue;
      }
      deps.health.onSuccess(candidate, admission, requestId);
      metrics().upstreamAttempts.inc({ provider: candidate.provider.id, outcome: "ok" });
      const headers = { ...deps.extraHeaders, "x-request-id": requestId, "x-gateway-provider": candidate.provider.id, "x-gateway-attempts": String(tried.length + 1) };
      const meter = (usage: TokenUsage | null | undefined, estimatedFrom: () => string, extra: Partial<UsageEvent>) =>
        void meterSuccess(deps, key, request!, candidate, usage ?? null, estimatedFrom, { requestId, startedAt, attempts: tried.length + 1, streamed: stream, ...extra });

      if (result.kind === "json") {
        meter(result.usage, () => result.text, { httpStatus: 200, ttfbMs: Date.now() - startedAt });
        return { status: 200, headers: { ...headers, "content-type": "application/json" }, body: result.body };
      }
      const body = relayStream({
        ...result,
        providerKind: candidate.provider.kind,
        onEnd: (o: RelayOutcome) => {
          // Past the first byte there is no failover, but the breakers still learn.
          if (o.failure) deps.health.onFailure(candidate, NO_PROBE, o.failure, requestId);
          meter(o.usage, () => result.translator.completionText(), {
            httpStatus: o.aborted ? 499 : 200,
            errorClass: o.failure?.errorClass ?? null,
            ttfbMs: o.firstByteAt ? o.firstByteAt - startedAt : null,
          });
        },
      });
      return { status: 200, headers: { ...headers, ...SSE_HEADERS }, body };
    }
    const exhausted = noProviderAvailable(request.model, tried, skipped);
    deps.onNoProvider?.(request.model, exhausted.message);
    throw exhausted;
  } catch (err) {
    const status = err instanceof ApiError ? err.status : 500;
    deps.meter.record(failedUsage(key, request?.model ?? "", requestId, startedAt, status, tried.length, request?.stream === true, err));
    if (err instanceof ApiError) {
      err.headers["x-request-id"] = requestId;
      err.headers["x-gateway-attempts"] = String(tried.length);
    }
    throw err;
  }
}

function upstreamClientError(failure: UpstreamFailure): ApiError {
  return new ApiError("upstream_client_error", failure.message ?? "The provider rejected the request as invalid.", {
    status: failure.httpStatus && failure.httpStatus >= 400 && failure.httpStatus < 500 && failure.httpStatus !== 401 && failure.httpStatus !== 403 ? failure.httpStatus : 400,
    details: failure.code ? { provider_code: failure.code } : undefined,
  });
}

function noProviderAvailable(model: string, tried: Tried[], skipped: Skipped[]): ApiError {
  const parts = [
    ...tried.map((t) => `${t.provider} (${t.errorClass}${t.status ? ` ${t.status}` : ""})`),
    ...skipped.map((s) => `${s.provider} (skipped: ${s.reason})`),
  ];
  const summary = parts.length === 0 ? "no provider is configured for it" : `tried ${parts.join(", ")}`;
  return new ApiError("no_provider_available", `No provider could serve '${model}': ${summary}.`, {
    details: { providers_tried: tried, providers_skipped: skipped },
  });
}

async function meterSuccess(
  deps: GatewayDeps,
  key: TenantKey,
  request: ChatCompletionRequest,
  candidate: Candidate,
  reported: TokenUsage | null,
  completionText: () => string,
  extra: Partial<UsageEvent> & { requestId: string; startedAt: number; attempts: number; streamed: boolean },
): Promise<void> {
  try {
    const usage = reported ?? { promptTokens: await countTokens(messagesText(request.messages)), completionTokens: await countTokens(completionText()), cachedTokens: 0 };
    const { startedAt, ...rest } = extra;
    deps.meter.record({
      tenantId: key.tenantId,
      apiKeyId: key.keyId,
      modelRequested: request.model,
      providerId: candidate.provider.id,
      deploymentId: candidate.deployment.id,
      credentialId: candidate.credential.id,
      upstreamModel: candidate.deployment.model,
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      cachedTokens: usage.cachedTokens,
      tokensEstimated: reported === null,
      upstreamCostPicos: upstreamCostPicos(usage, candidate.deployment),
      billedPicos: billedPicos(usage, key.billedPricePer1MMicros),
      latencyMs: Date.now() - startedAt,
      ttfbMs: null,
      httpStatus: 200,
      errorClass: null,
      createdAt: startedAt,
      ...rest,
    });
  } catch (err) {
    deps.log.error({ requestId: extra.requestId, err: (err as Error).message }, "metering failed");
  }
}

function failedUsage(key: TenantKey, model: string, requestId: string, startedAt: number, status: number, attempts: number, streamed: boolean, err: unknown): UsageEvent {
  return {
    requestId, tenantId: key.tenantId, apiKeyId: key.keyId, modelRequested: model.slice(0, 200),
    providerId: null, deploymentId: null, credentialId: null, upstreamModel: null,
    promptTokens: 0, completionTokens: 0, cachedTokens: 0, tokensEstimated: false, upstreamCostPicos: 0, billedPicos: 0,
    latencyMs: Date.now() - startedAt, ttfbMs: null, httpStatus: status,
    errorClass: err instanceof ApiError ? err.code : "internal_error", attempts, streamed, createdAt: startedAt,
  };
}
