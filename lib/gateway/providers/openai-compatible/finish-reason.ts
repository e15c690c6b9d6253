import { isOpenAIFinishReason, type OpenAIFinishReason } from "../openai-finish-reason";

/**
 * Finish reasons that mean the answer failed rather than ended: OpenRouter's `error`
 * (a failure after the stream began) and DeepSeek's `insufficient_system_resource`
 * (generation cut off for lack of capacity). Neither is a word OpenAI clients know.
 */
export const FAILURE_FINISH_REASONS: ReadonlySet<string> = new Set([
  "error",
  "insufficient_system_resource",
]);

/** Provider spellings of OpenAI's reasons, seen from OpenAI-compatible hosts relaying other models. */
const ALIASES: Readonly<Record<string, OpenAIFinishReason>> = {
  end_turn: "stop",
  stop_sequence: "stop",
  eos: "stop",
  max_tokens: "length",
  model_length: "length",
  tool_use: "tool_calls",
  tool_call: "tool_calls",
  content_filtered: "content_filter",
  safety: "content_filter",
  refusal: "content_filter",
};

/**
 * A provider's finish reason in OpenAI's words. Failure reasons are not mapped here
 * (the caller turns them into an error); anything else unknown becomes "stop", so the
 * client still gets a well-formed answer.
 */
export function toOpenAIFinishReason(reason: string): OpenAIFinishReason {
  if (isOpenAIFinishReason(reason)) return reason;
  return ALIASES[reason] ?? "stop";
}
