import { ApiError } from "@/lib/errors";
import type { GatewayDeps } from "@/lib/gateway/gateway-deps";
import type { GatewayRequest, GatewayResponse } from "@/lib/gateway/http-types";
import { CHAT_API } from "@/lib/gateway/inbound/chat-api";
import type { InboundApi, InboundRead } from "@/lib/gateway/inbound/inbound-api";
import { NO_LIMITS } from "@/lib/gateway/limits/limit-gate";
import { readRequestLabels } from "@/lib/gateway/metering/request-labels";
import { RequestMeter } from "@/lib/gateway/metering/request-meter";
import {
  attemptWithFailover,
  ClientClosedError,
  type FailoverProgress,
} from "@/lib/gateway/pipeline/attempt-with-failover";
import { authenticate } from "@/lib/gateway/pipeline/authenticate";
import { chatWork } from "@/lib/gateway/pipeline/chat-work";
import { embeddingsWork } from "@/lib/gateway/pipeline/embeddings-work";
import { failoverTrail } from "@/lib/gateway/pipeline/no-provider-answer";
import { checkLimits } from "@/lib/gateway/pipeline/check-limits";
import { checkMeter } from "@/lib/gateway/pipeline/check-meter";
import { respond } from "@/lib/gateway/pipeline/respond";
import type { RoutedWork } from "@/lib/gateway/pipeline/routed-work";

/**
 * One request of any inbound API, in named steps: authenticate -> read the request ->
 * check limits -> plan candidates -> attempt with failover -> respond, with the meter
 * recording exactly one usage event for every authenticated request, however it ends.
 * Every failure is an ApiError thrown to the gateway, which writes it in the caller's API.
 *
 * `inbound` reads the caller's request into the work the steps share (routed-work.ts):
 * Chat Completions, Anthropic Messages and OpenAI Responses into a chat completion,
 * Embeddings into an embeddings call. Every API shares one routing, failover, breakers,
 * limits and meter.
 */
export async function handleApiRequest(
  deps: GatewayDeps,
  req: GatewayRequest,
  requestId: string,
  rotation: number,
  inbound: InboundApi<InboundRead> = CHAT_API,
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
    const work = readWork(deps, req, inbound);
    meter.describe(work.metered);
    meter.label(readRequestLabels(work.labels, req.header("x-gateway-tags")));
    const admitted = await checkLimits(deps.limits ?? NO_LIMITS, {
      key,
      model: work.metered.model,
      estimate: work.estimate,
      maxOutputTokens: work.metered.maxOutputTokens,
      now: startedAt,
    });
    limitHeaders = inbound.limitHeaders
      ? inbound.limitHeaders(admitted.headers, startedAt)
      : admitted.headers;
    meter.onSettle(admitted.settle);
    checkMeter(deps.meter, () => meter.withdraw());
    const candidates = work.plan(key, rotation, progress.skipped);
    const served = await attemptWithFailover(
      deps,
      req,
      work.job,
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
    return await respond(deps, served, meter, headers, attempts, req.signal, work);
  } catch (err) {
    if (err instanceof ClientClosedError) {
      // The upstream had the prompt: metered with the tokens we can count, as a client that left.
      void meter.served({
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

/** The caller's request as the steps' work: a chat completion, or an embeddings call. */
function readWork(
  deps: GatewayDeps,
  req: GatewayRequest,
  inbound: InboundApi<InboundRead>,
): RoutedWork {
  const read = inbound.read(req);
  return read.kind === "embedding"
    ? embeddingsWork(deps, read)
    : chatWork(deps, read, read.render ?? inbound.render);
}
