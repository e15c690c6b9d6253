import type { GatewayDeps, Admission } from "@/lib/gateway/gateway-deps";
import type { GatewayResponse } from "@/lib/gateway/http-types";
import type { RequestMeter } from "@/lib/gateway/metering/request-meter";
import { catalogSecrets, redactFailure } from "@/lib/gateway/redact/redact-credentials";
import { relayStream, type RelayOutcome } from "@/lib/gateway/stream-relay";
import { countAttempt, type Served } from "./attempt-with-failover";
import type { RoutedWork } from "./routed-work";

const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
};

const NO_PROBE: Admission = { providerProbe: false, credentialProbe: false };

/**
 * The caller's answer from a served attempt: the JSON body as it is (or in the caller's
 * API), or the stream relayed chunk by chunk. The meter is told how the answer ended: at
 * once for JSON, when the relay ends for a stream (finished, cut by the client, or failed
 * mid-stream). A JSON answer whose upstream reported no usage waits for the meter's count
 * only when the work states it in the answer (`withUsage`).
 */
export async function respond(
  deps: Pick<GatewayDeps, "health" | "catalog" | "onAttempt">,
  served: Served,
  meter: RequestMeter,
  headers: Record<string, string>,
  attempts: number,
  /** The client's signal: a stream cut by the client is metered at once, with what it used so far. */
  signal: AbortSignal,
  /** How the work answers: `render` for a chat-family API other than Chat Completions, `withUsage`. */
  work: Pick<RoutedWork, "render" | "withUsage"> = {},
): Promise<GatewayResponse> {
  const { candidate } = served;
  const { render } = work;
  if (served.kind === "json") {
    const recorded = meter.served({
      candidate,
      reported: served.usage,
      completionText: () => served.text,
      complete: true,
      httpStatus: 200,
      errorClass: null,
      ttfbMs: Date.now() - meter.startedAt,
      attempts,
    });
    let body = render ? render.json(served.body) : served.body;
    if (served.usage === null && work.withUsage) {
      const usage = await recorded;
      if (usage) body = work.withUsage(body, usage);
    }
    return { status: 200, headers: { ...headers, "content-type": "application/json" }, body };
  }
  const body = relayStream({
    ...served,
    providerKind: candidate.provider.kind,
    signal,
    encoder: render?.encoder(),
    redact: (failure) => redactFailure(failure, catalogSecrets(deps.catalog())),
    onEnd: (o: RelayOutcome) => {
      // Past the first byte there is no failover, but the breakers still learn.
      if (o.failure) deps.health.onFailure(candidate, NO_PROBE, o.failure, meter.requestId);
      countAttempt(deps, candidate.provider.id, o.failure?.errorClass ?? "ok");
      void meter.served({
        candidate,
        reported: o.usage,
        completionText: () => served.translator.completionText(),
        // Cut or failed before the end marker: the last usage seen may lack the output.
        complete: !o.aborted && !o.failure,
        // A stream that failed after its first byte is metered as failed (502), not as a 200.
        httpStatus: o.aborted ? 499 : o.failure ? 502 : 200,
        errorClass: o.aborted ? "client_closed" : (o.failure?.errorClass ?? null),
        ttfbMs: o.firstByteAt ? o.firstByteAt - meter.startedAt : null,
        attempts,
      });
    },
  });
  return { status: 200, headers: { ...headers, ...SSE_HEADERS }, body };
}
