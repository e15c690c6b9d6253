/**
 * The `finish_reason` values OpenAI's Chat Completions API documents. Every finish
 * reason a client of the gateway sees is one of these, whatever the provider said;
 * `function_call` is the deprecated single-function form, still valid on the wire.
 */
export const OPENAI_FINISH_REASONS = [
  "stop",
  "length",
  "tool_calls",
  "content_filter",
  "function_call",
] as const;

export type OpenAIFinishReason = (typeof OPENAI_FINISH_REASONS)[number];

export function isOpenAIFinishReason(value: unknown): value is OpenAIFinishReason {
  return typeof value === "string" && (OPENAI_FINISH_REASONS as readonly string[]).includes(value);
}
