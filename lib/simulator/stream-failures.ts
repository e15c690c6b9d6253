import type { StreamFault } from "./faults";

/**
 * In-band failures as providers send them inside a 200 stream, ready to spread into a
 * fault's `stream` (paraphrased from the providers' documentation and public reports):
 *
 *   sim.control.setFault({ match: { key }, stream: { ...STREAM_FAILURES.openrouterMidStreamError, failAfterChunks: 2 } });
 */
export const STREAM_FAILURES = {
  /** OpenRouter: after streaming began, a normal chunk with a top-level error and finish_reason "error", then [DONE]. */
  openrouterMidStreamError: {
    errorEvent: [
      {
        id: "gen-sim-midstream",
        object: "chat.completion.chunk",
        created: 1_748_337_600,
        model: "meta-llama/llama-3.3-70b-instruct",
        provider: "Fireworks",
        error: { code: 502, message: "Provider disconnected unexpectedly" },
        choices: [
          { index: 0, delta: { content: "" }, finish_reason: "error", native_finish_reason: null },
        ],
      },
      "[DONE]",
    ],
  },
} satisfies Record<string, StreamFault>;
