import { Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * Prometheus metrics, one registry per process (kept on globalThis because Next's
 * route handlers are bundled apart from the product's server). Labels stay
 * low-cardinality: provider, class, status, never tenant or key.
 */
function createMetrics() {
  const registry = new Registry();
  return {
    registry,
    requests: new Counter({
      name: "gateway_requests_total",
      help: "Gateway requests by route, the API they came in by (chat, messages, responses, embeddings; none for other routes) and HTTP status.",
      labelNames: ["route", "api", "status"] as const,
      registers: [registry],
    }),
    upstreamAttempts: new Counter({
      name: "gateway_upstream_attempts_total",
      help: "Upstream attempts by provider and outcome (ok or the failure class).",
      labelNames: ["provider", "outcome"] as const,
      registers: [registry],
    }),
    latency: new Histogram({
      name: "gateway_request_duration_seconds",
      help: "Time to the response headers (first byte for streams).",
      labelNames: ["route"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    usageBufferDepth: new Gauge({
      name: "gateway_usage_buffer_depth",
      help: "Usage events waiting to be written to Postgres.",
      registers: [registry],
    }),
    usageDeadLetters: new Counter({
      name: "gateway_usage_dead_letters_total",
      help: "Usage events Postgres refused for their data, kept as dead letters.",
      registers: [registry],
    }),
    usageJournaled: new Counter({
      name: "gateway_usage_journaled_total",
      help: "Usage events appended to the local journal while Postgres could not take them.",
      registers: [registry],
    }),
    usageMeterWritable: new Gauge({
      name: "gateway_usage_meter_writable",
      help: "1 while usage batches are being written, 0 while the meter cannot write.",
      registers: [registry],
    }),
    usageMeterAdmitting: new Gauge({
      name: "gateway_usage_meter_admitting",
      help: "1 while metered requests are admitted, 0 while usage can be written neither to Postgres nor to the journal (requests get 503).",
      registers: [registry],
    }),
    usageMeterRefusals: new Counter({
      name: "gateway_usage_meter_refusals_total",
      help: "Metered requests refused with 503 because the meter could write nowhere.",
      registers: [registry],
    }),
    usageJournalFailure: new Gauge({
      name: "gateway_usage_journal_failure",
      help: "1 for the reason the usage journal refuses appends (disk_full, read_only, size_cap, io_error); all 0 while it takes them.",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
    usageJournalBytes: new Gauge({
      name: "gateway_usage_journal_bytes",
      help: "Bytes the usage journal holds on disk (against GATEWAY_USAGE_JOURNAL_MAX_BYTES).",
      registers: [registry],
    }),
    usageHeldEvents: new Gauge({
      name: "gateway_usage_held_events",
      help: "Usage events held in memory because neither Postgres nor the journal took them.",
      registers: [registry],
    }),
    usageHeldRefusalsDropped: new Counter({
      name: "gateway_usage_held_refusals_dropped_total",
      help: "Rows of refused requests (no upstream call, no money) dropped because the in-memory hold for an unwritable meter was full.",
      registers: [registry],
    }),
    breakerState: new Gauge({
      name: "gateway_breaker_state",
      help: "Breaker state per scope: 0 closed, 1 half_open, 2 open, 3 quarantined.",
      labelNames: ["scope", "provider", "credential"] as const,
      registers: [registry],
    }),
    breakerStateChanged: new Gauge({
      name: "gateway_breaker_state_changed_timestamp_seconds",
      help: "When this instance's memory last moved the breaker to its current state (Unix seconds, ms precision): compared with the stored transition time it shows how fast a change made elsewhere reached this instance.",
      labelNames: ["scope", "provider", "credential"] as const,
      registers: [registry],
    }),
    catalogLoaded: new Gauge({
      name: "gateway_catalog_loaded_timestamp_seconds",
      help: "When this instance last loaded the catalogue (providers, credentials, deployments) from Postgres (Unix seconds, ms precision): compared with a deployment's stored change time it shows how fast a change made elsewhere reached this instance.",
      registers: [registry],
    }),
  };
}

export type GatewayMetrics = ReturnType<typeof createMetrics>;

const KEY = Symbol.for("llm-gateway.metrics");
type Holder = typeof globalThis & { [KEY]?: GatewayMetrics };

export function metrics(): GatewayMetrics {
  const holder = globalThis as Holder;
  holder[KEY] ??= createMetrics();
  return holder[KEY];
}
