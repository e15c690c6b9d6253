import type { OpenAIFinishReason } from "../openai-finish-reason";

export type { OpenAIFinishReason };

/** Anthropic's documented `stop_reason` values. */
const ANTHROPIC_STOP_REASONS = [
  "end_turn",
  "stop_sequence",
  "max_tokens",
  "tool_use",
  "pause_turn",
  "refusal",
  "model_context_window_exceeded",
] as const;

type AnthropicStopReason = (typeof ANTHROPIC_STOP_REASONS)[number];

function isKnown(reason: string): reason is AnthropicStopReason {
  return (ANTHROPIC_STOP_REASONS as readonly string[]).includes(reason);
}

/**
 * Maps `stop_reason`. A reason added after this was written becomes "stop", so the
 * client still gets a well-formed answer. `pause_turn` (a long server-tool turn paused)
 * has no OpenAI counterpart; "stop" at least hands back what was produced.
 */
export function mapAnthropicStopReason(reason: string | null | undefined): OpenAIFinishReason {
  if (!reason || !isKnown(reason)) return "stop";
  switch (reason) {
    case "end_turn":
    case "stop_sequence":
    case "pause_turn":
      return "stop";
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    case "tool_use":
      return "tool_calls";
    case "refusal":
      return "content_filter";
    default: {
      const unreachable: never = reason;
      return unreachable;
    }
  }
}
