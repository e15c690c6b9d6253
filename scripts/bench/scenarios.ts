/**
 * What the benchmark measures: one small entry per scenario. Adding a path (another door,
 * a fault, a provider) is one more entry here; the runner knows nothing scenario-specific.
 */
import type { FaultSpec } from "../../lib/simulator/faults";

export type Target = "simulator" | "node" | "next";
export type Kind = "json" | "stream";

/** The simulator's control API, over HTTP (it runs in its own process). */
export interface SimulatorHandle {
  url: string;
  setFault(spec: FaultSpec): Promise<string>;
  clearFault(id: string): Promise<void>;
}

export interface Scenario {
  name: string;
  /** `simulator`: called directly (the baseline); `node`/`next`: the product server through that door. */
  target: Target;
  kind: Kind;
  path: string;
  body: Record<string, unknown>;
  /** Row whose latency is subtracted for "added" latency: the simulator answering the same kind directly. */
  baseline?: string;
  /**
   * Upstream attempts the sample requests must show in `x-gateway-attempts`: a scenario
   * whose premise no longer holds (e.g. a breaker now skips the failing key) says so
   * instead of quietly measuring something else.
   */
  sampleAttempts?: readonly string[];
  /** Installs faults before the run; returns the undo. */
  setup?: (sim: SimulatorHandle) => Promise<() => Promise<void>>;
}

/** Provider keys the gateway gets; the simulator accepts any key and can fault one by name. */
export const DEEPSEEK_KEYS = ["sk-bench-deepseek-1", "sk-bench-deepseek-2"] as const;

const MESSAGES = [
  { role: "user", content: "Benchmark request: please answer with a short greeting." },
];

/**
 * What the gateway sends upstream for these requests (its OpenAI-compatible adapter asks
 * for the usage chunk on streams), so the baseline does the same work upstream.
 */
const upstreamBody = (stream: boolean) =>
  stream
    ? {
        model: "deepseek-chat",
        messages: MESSAGES,
        stream,
        stream_options: { include_usage: true },
      }
    : { model: "deepseek-chat", messages: MESSAGES };
const gatewayBody = (stream: boolean) => ({
  model: "deepseek/deepseek-chat",
  messages: MESSAGES,
  ...(stream ? { stream } : {}),
});

const SIM_PATH = "/deepseek/v1/chat/completions";
const GATEWAY_PATH = "/v1/chat/completions";
/** Anthropic's Messages API in, translated to the same DeepSeek call: the translation's cost. */
const MESSAGES_PATH = "/v1/messages";
const messagesBody = (stream: boolean) => ({
  model: "deepseek/deepseek-chat",
  max_tokens: 1024,
  messages: MESSAGES,
  ...(stream ? { stream } : {}),
});

/**
 * A retrieval app's query embedding as the `openai` client sends it (base64, the
 * default dimensions), to OpenAI's text-embedding-3-small, passed through; the baseline
 * sends the same body to the simulator's OpenAI directly.
 */
const EMBED_SIM_PATH = "/openai/v1/embeddings";
const EMBED_PATH = "/v1/embeddings";
const embedBody = (model: string) => ({
  model,
  input: "Benchmark query: which provider served the cheapest embedding?",
  encoding_format: "base64",
});

/** The first DeepSeek key answers every call with a 500, so the request fails over to the second. */
async function failFirstDeepSeekKey(sim: SimulatorHandle): Promise<() => Promise<void>> {
  const id = await sim.setFault({
    name: "bench: deepseek key 1 down",
    match: { provider: "deepseek", key: DEEPSEEK_KEYS[0] },
    status: 500,
    body: {
      error: {
        message: "The server had an error while processing your request.",
        type: "server_error",
        code: null,
      },
    },
  });
  return () => sim.clearFault(id);
}

function gatewayScenarios(door: "node" | "next"): Scenario[] {
  return [
    {
      name: `${door} json`,
      target: door,
      kind: "json",
      path: GATEWAY_PATH,
      body: gatewayBody(false),
      baseline: "simulator json",
      sampleAttempts: ["1"],
    },
    {
      name: `${door} stream`,
      target: door,
      kind: "stream",
      path: GATEWAY_PATH,
      body: gatewayBody(true),
      baseline: "simulator stream",
      sampleAttempts: ["1"],
    },
    {
      name: `${door} failover json`,
      target: door,
      kind: "json",
      path: GATEWAY_PATH,
      body: gatewayBody(false),
      baseline: "simulator json",
      // The router rotates the starting credential per request, so consecutive requests
      // alternate between "dead key first" (2 attempts) and "live key first" (1).
      sampleAttempts: ["1", "2"],
      setup: failFirstDeepSeekKey,
    },
    {
      name: `${door} messages json`,
      target: door,
      kind: "json",
      path: MESSAGES_PATH,
      body: messagesBody(false),
      baseline: "simulator json",
      sampleAttempts: ["1"],
    },
    {
      name: `${door} messages stream`,
      target: door,
      kind: "stream",
      path: MESSAGES_PATH,
      body: messagesBody(true),
      baseline: "simulator stream",
      sampleAttempts: ["1"],
    },
    {
      name: `${door} embeddings json`,
      target: door,
      kind: "json",
      path: EMBED_PATH,
      body: embedBody("openai/text-embedding-3-small"),
      baseline: "simulator embeddings json",
      sampleAttempts: ["1"],
    },
  ];
}

export const SCENARIOS: Scenario[] = [
  {
    name: "simulator json",
    target: "simulator",
    kind: "json",
    path: SIM_PATH,
    body: upstreamBody(false),
  },
  {
    name: "simulator stream",
    target: "simulator",
    kind: "stream",
    path: SIM_PATH,
    body: upstreamBody(true),
  },
  {
    name: "simulator embeddings json",
    target: "simulator",
    kind: "json",
    path: EMBED_SIM_PATH,
    body: embedBody("text-embedding-3-small"),
  },
  ...gatewayScenarios("node"),
  ...gatewayScenarios("next"),
];
