import { ApiError } from "@/lib/errors";
import type { GatewayDeps } from "@/lib/gateway/gateway-deps";
import type { GatewayRequest, GatewayResponse } from "@/lib/gateway/http-types";
import { CHAT_API } from "@/lib/gateway/inbound/chat-api";
import type { InboundApi } from "@/lib/gateway/inbound/inbound-api";
import { NO_LIMITS } from "@/lib/gateway/limits/limit-gate";
import { readRequestLabels } from "@/lib/gateway/metering/request-labels";
import { RequestMeter } from "@/lib/gateway/metering/request-meter";
import {
  attemptWithFailover,
  ClientClosedError,
  type FailoverProgress,
} from "@/lib/gateway/pipeline/attempt-with-failover";
import { authenticate } from "@/lib/gateway/pipeline/authenticate";
import { failoverTrail } from "@/lib/gateway/pipeline/no-provider-answer";
import { checkLimits } from "@/lib/gateway/pipeline/check-limits";
import { checkMeter } from "@/lib/gateway/pipeline/check-meter";
import { planCandidates } from "@/lib/gateway/pipeline/plan-candidates";
import { respond } from "@/lib/gateway/pipeline/respond";

/**
 * POST /v1/chat/completions, in named steps: authenticate -> read the request ->
 * check limits -> plan candidates -> attempt with failover -> respond, with the meter
 * recording exactly one usage event for every authenticated request, however it ends.
 * Every failure is an ApiError thrown to the gateway, which writes it in the caller's API.
 *
 * The other inbound APIs (Anthropic Messages, OpenAI Responses) come through here too:
 * `inbound` reads their request into the chat request and writes the answer back in
 * their shape, so every API shares one routing, failover, limits and meter.
 */
export async function handleChatCompletion(
  deps: GatewayDeps,
  req: GatewayRequest,
  requestId: string,
  rotation: number,
  inbound: InboundApi = CHAT_API,
): Promise<GatewayResponse> {
  const startedAt = Date.now();
  const key = await authenticate(deps, req, inbound.token);
  const meter = new RequestMeter(deps.meter, deps.log, key, requestId, startedAt, {
    minMarginBps: deps.minMarginBps,
    defaultMaxTokens: deps.defaultMaxTokens,
    flawLog: deps.usageFlawLog,
    api: inbound.name,
  });
  const progress: FailoverProgress = { tried: [], skipped: [] };
  let limitHeaders: Record<string, string> = {};
  try {
    const { request, estimate } = inbound.read(req);
    meter.describe(request);
    meter.label(
      readRequestLabels(
        { user: request.user, metadata: request.metadata },
        req.header("x-gateway-tags"),
      ),
    );
    const maxOutputTokens = request.max_completion_tokens ?? request.max_tokens ?? null;
    const admitted = await checkLimits(deps.limits ?? NO_LIMITS, {
      key,
      model: request.model,
      estimate,
      maxOutputTokens,
      now: startedAt,
    });
    limitHeaders = inbound.limitHeaders
      ? inbound.limitHeaders(admitted.headers, startedAt)
      : admitted.headers;
    meter.onSettle(admitted.settle);
    checkMeter(deps.meter, () => meter.withdraw());
    const candidates = planCandidates(deps, key, request, estimate, rotation, progress.skipped);
    const served = await attemptWithFailover(
      deps,
      req,
      request,
      candidates,
      requestId,
      startedAt + deps.deadlineMs,
      progress,
    );
    const attempts = progress.tried.length + 1;
    const headers = {
      ...deps.extraHeaders,
      ...limitHeaders,
      "x-request-id": requestId,
      "x-gateway-provider": served.candidate.provider.id,
      "x-gateway-attempts": String(attempts),
    };
    return respond(deps, served, meter, headers, attempts, req.signal, inbound.render);
  } catch (err) {
    if (err instanceof ClientClosedError) {
      // The upstream had the prompt: metered with the tokens we can count, as a client that left.
      meter.served({
        candidate: err.candidate,
        reported: null,
        completionText: () => "",
        complete: false,
        httpStatus: 499,
        errorClass: "client_closed",
        ttfbMs: null,
        attempts: err.attempts,
      });
    } else
      meter.failed(err, progress.tried.length, failoverTrail(progress.tried, progress.skipped));
    if (err instanceof ApiError) {
      for (const [name, value] of Object.entries(limitHeaders)) err.headers[name] ??= value;
      err.headers["x-request-id"] = requestId;
      err.headers["x-gateway-attempts"] = String(progress.tried.length);
    }
    throw err;
  }
}
