import { ApiError } from "@/lib/errors";
import { attemptUpstream, type AttemptResult } from "@/lib/gateway/attempt-upstream";
import type { UpstreamFailure } from "@/lib/gateway/errors/error-class";
import type { Admission, GatewayDeps } from "@/lib/gateway/gateway-deps";
import type { GatewayRequest } from "@/lib/gateway/http-types";
import type { Candidate } from "@/lib/gateway/router/rank-candidates";
import { catalogSecrets, redactFailure } from "@/lib/gateway/redact/redact-credentials";
import { metrics } from "@/lib/observability/metrics";
import {
  noProviderAvailable,
  retryAfterSeconds,
  type Skipped,
  type Tried,
} from "./no-provider-answer";
import type { UpstreamJob } from "./routed-work";

/** What the search for a provider went through; read by the caller even when it throws. */
export interface FailoverProgress {
  tried: Tried[];
  skipped: Skipped[];
}

/** The client went away while an upstream was working on its request (metered as 499). */
export class ClientClosedError extends ApiError {
  constructor(
    readonly candidate: Candidate,
    readonly attempts: number,
  ) {
    super("invalid_request_error", "The client closed the request.", { status: 499 });
  }
}

export type Served = Extract<AttemptResult, { ok: true }> & {
  candidate: Candidate;
  admission: Admission;
};

/**
 * Tries the candidates in order until one answers, within the deadline (which bounds
 * the search, each attempt's wait for headers, not the length of a healthy stream), each
 * attempt sending `job` through its provider's translator (chat or embeddings alike).
 * Breakers admit each attempt and learn its outcome.
 * @throws ApiError `upstream_client_error` (4xx, never retried elsewhere),
 *   ClientClosedError (499) when the client went away during an attempt, 503 `no_provider_available` when every candidate failed or was blocked
 *   (with `Retry-After` from the earliest breaker retry time, see no-provider-answer.ts).
 */
export async function attemptWithFailover<R>(
  deps: Pick<GatewayDeps, "health" | "upstream" | "onNoProvider" | "catalog" | "onAttempt">,
  req: GatewayRequest,
  job: UpstreamJob<R>,
  candidates: readonly Candidate[],
  requestId: string,
  deadline: number,
  progress: FailoverProgress,
): Promise<Served> {
  // Provider messages are relayed and logged: none may carry a configured credential.
  const secrets = catalogSecrets(deps.catalog());
  for (const candidate of candidates) {
    if (Date.now() >= deadline) break;
    const admission = deps.health.admit(candidate, Date.now());
    if (!admission) {
      progress.skipped.push({
        provider: candidate.provider.id,
        credential: candidate.credential.label,
        reason: deps.health.blockedReason(candidate),
      });
      continue;
    }
    const ctx = {
      providerId: candidate.provider.id,
      baseUrl: candidate.provider.baseUrl,
      apiKey: candidate.credential.apiKey,
      upstreamModel: candidate.deployment.model,
      request: job.request,
      stream: job.stream,
    };
    const result = await attemptUpstream(
      deps.upstream,
      job.adapterFor(candidate.provider.kind),
      candidate,
      ctx,
      job.clientWantsUsage,
      req.signal,
      deadline - Date.now(),
    );
    if (!result.ok) {
      const failure = redactFailure(result.failure, secrets);
      if (req.signal.aborted) {
        deps.health.release(admission, candidate);
        throw new ClientClosedError(candidate, progress.tried.length + 1);
      }
      deps.health.onFailure(candidate, admission, failure, requestId);
      countAttempt(deps, candidate.provider.id, failure.errorClass);
      progress.tried.push({
        provider: candidate.provider.id,
        credential: candidate.credential.label,
        errorClass: failure.errorClass,
        status: failure.httpStatus,
      });
      if (failure.errorClass === "client_error") throw upstreamClientError(failure);
      continue;
    }
    deps.health.onSuccess(candidate, admission, requestId);
    // A stream is counted when it ends: one that fails mid-way is that provider's failure.
    if (result.kind === "json") countAttempt(deps, candidate.provider.id, "ok");
    return { ...result, candidate, admission };
  }
  const now = Date.now();
  const retryAfter = retryAfterSeconds(
    candidates.map((c) => deps.health.retryAt?.(c) ?? null),
    now,
  );
  const exhausted = noProviderAvailable(job.model, progress.tried, progress.skipped, retryAfter);
  deps.onNoProvider?.(job.model, exhausted.message);
  throw exhausted;
}

function upstreamClientError(failure: UpstreamFailure): ApiError {
  return new ApiError(
    "upstream_client_error",
    failure.message ?? "The provider rejected the request as invalid.",
    {
      status:
        failure.httpStatus &&
        failure.httpStatus >= 400 &&
        failure.httpStatus < 500 &&
        failure.httpStatus !== 401 &&
        failure.httpStatus !== 403
          ? failure.httpStatus
          : 400,
      details: failure.code ? { provider_code: failure.code } : undefined,
    },
  );
}

/**
 * Counts one upstream attempt against the provider that answered it: the metric and the
 * stored per-minute counts the overview reads. Streams are counted at their end.
 */
export function countAttempt(
  deps: Pick<GatewayDeps, "onAttempt">,
  providerId: string,
  outcome: "ok" | UpstreamFailure["errorClass"],
): void {
  metrics().upstreamAttempts.inc({ provider: providerId, outcome });
  deps.onAttempt?.(providerId, outcome);
}
