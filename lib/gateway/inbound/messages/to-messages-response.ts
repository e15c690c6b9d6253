/**
 * The core's OpenAI answer -> Anthropic's Messages answer, per Anthropic's Messages API
 * reference (`Message` object, `stop_reason`, `usage`) and its streaming reference.
 */

/** OpenAI `finish_reason` -> Anthropic `stop_reason`. */
export function stopReasonOf(finish: unknown): string {
  switch (finish) {
    case "length":
      return "max_tokens";
    case "tool_calls":
    case "function_call":
      return "tool_use";
    case "content_filter":
      return "refusal";
    default:
      return "end_turn";
  }
}

/** An Anthropic message id: the upstream's own when it was Anthropic, else one derived from the id. */
export function messageIdOf(id: unknown): string {
  const raw = typeof id === "string" ? id.replace(/^chatcmpl-/, "") : "";
  return raw.startsWith("msg_") ? raw : `msg_${raw || Date.now().toString(36)}`;
}

interface OpenAIUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
}

/** OpenAI usage -> Anthropic usage, whose `input_tokens` leaves out the tokens read from cache. */
export function usageOf(usage: OpenAIUsage | null | undefined): Record<string, number> {
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    input_tokens: Math.max(0, (usage?.prompt_tokens ?? 0) - cached),
    output_tokens: usage?.completion_tokens ?? 0,
    cache_read_input_tokens: cached,
    cache_creation_input_tokens: 0,
  };
}

/** Tool arguments as an object; arguments that are not JSON are kept as a string field. */
export function toolInput(args: unknown): unknown {
  if (typeof args !== "string" || args === "") return {};
  try {
    return JSON.parse(args);
  } catch {
    return { arguments: args };
  }
}

export interface ToolCallOut {
  id?: string;
  function?: { name?: string; arguments?: string };
}

/** The fields of an OpenAI `chat.completion` read here. */
export interface ChatCompletion {
  id?: string;
  model?: string;
  choices?: {
    finish_reason?: string | null;
    message?: { content?: string | null; tool_calls?: ToolCallOut[] };
  }[];
  usage?: OpenAIUsage | null;
}

/**
 * A `chat.completion` JSON body -> an Anthropic `message` JSON body.
 * @param body the core's answer, serialised; its first choice is the message.
 */
export function toMessagesResponse(body: string): string {
  const c = JSON.parse(body) as ChatCompletion;
  const choice = c.choices?.[0];
  const message = choice?.message ?? {};
  const content: Record<string, unknown>[] = [];
  if (typeof message.content === "string" && message.content)
    content.push({ type: "text", text: message.content });
  for (const call of message.tool_calls ?? []) {
    content.push({
      type: "tool_use",
      id: call.id,
      name: call.function?.name,
      input: toolInput(call.function?.arguments),
    });
  }
  return JSON.stringify({
    id: messageIdOf(c.id),
    type: "message",
    role: "assistant",
    model: c.model,
    content,
    stop_reason: stopReasonOf(choice?.finish_reason),
    stop_sequence: null,
    usage: usageOf(c.usage),
  });
}
