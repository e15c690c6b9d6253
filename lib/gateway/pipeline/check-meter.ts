import { ApiError } from "@/lib/errors";
import type { UsageSink } from "@/lib/gateway/metering/usage-event";
import { metrics } from "@/lib/observability/metrics";

/** Seconds a client is told to wait while the meter can write nowhere. */
const RETRY_AFTER_S = 5;

/**
 * Durable before acknowledged, or not served: a request that would be metered is
 * refused while usage can be written neither to Postgres nor to the journal.
 * `withdraw` undoes what admission took (the limits' reservation); the refusal itself
 * is not metered, since the meter is what cannot write.
 * @throws ApiError 503 `service_unavailable` with `Retry-After: 5` when the meter refuses.
 */
export function checkMeter(sink: UsageSink, withdraw: () => void): void {
  if (sink.admits?.() !== false) return;
  withdraw();
  metrics().usageMeterRefusals.inc();
  throw new ApiError(
    "service_unavailable",
    "Usage cannot be recorded right now (the gateway's database and its local journal both refuse writes); retry shortly.",
    { headers: { "retry-after": String(RETRY_AFTER_S) } },
  );
}
