import type { ChatCompletion, ToolCallOut } from "../messages/to-messages-response";
import type { ResponsesEcho } from "./request-echo";

/**
 * The core's OpenAI chat answer -> a Responses API `response` object, per OpenAI's
 * Responses reference (`output` items, `usage`, `status`/`incomplete_details`).
 */

interface ChatUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
}

/** Chat usage -> Responses usage. */
export function responsesUsage(u: ChatUsage | null | undefined) {
  const input = u?.prompt_tokens ?? 0;
  const output = u?.completion_tokens ?? 0;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: u?.prompt_tokens_details?.cached_tokens ?? 0 },
    output_tokens: output,
    output_tokens_details: {
      reasoning_tokens: u?.completion_tokens_details?.reasoning_tokens ?? 0,
    },
    total_tokens: input + output,
  };
}

/** A response id carrying the upstream's completion id, so it can be traced. */
export function responseIdOf(id: unknown): string {
  const raw = typeof id === "string" ? id.replace(/^chatcmpl-/, "") : "";
  return `resp_${raw || Date.now().toString(36)}`;
}

export function messageItem(id: string, text: string, status: string) {
  return {
    type: "message",
    id,
    status,
    role: "assistant",
    content: text ? [{ type: "output_text", text, annotations: [] }] : [],
  };
}

export function functionCallItem(call: ToolCallOut, status: string) {
  return {
    type: "function_call",
    id: `fc_${call.id ?? ""}`,
    call_id: call.id ?? "",
    name: call.function?.name ?? "",
    arguments: call.function?.arguments ?? "",
    status,
  };
}

/** The `response` object around its output, as both the JSON answer and the stream's events carry it. */
export function responseObject(
  id: string,
  model: string,
  createdAt: number,
  status: "in_progress" | "completed" | "incomplete",
  output: unknown[],
  usage: ReturnType<typeof responsesUsage> | null,
  echo: ResponsesEcho,
) {
  return {
    id,
    object: "response",
    created_at: createdAt,
    status,
    error: null,
    incomplete_details: status === "incomplete" ? { reason: "max_output_tokens" } : null,
    model,
    output,
    previous_response_id: null,
    // Nothing is stored, whatever the request said.
    store: false,
    ...echo,
    usage,
  };
}

/**
 * A `chat.completion` JSON body -> a Responses `response` JSON body.
 * @param body the core's answer, serialised; its first choice is the output.
 * @param echo the request's settings the response repeats.
 */
export function toResponsesResponse(body: string, echo: ResponsesEcho): string {
  const c = JSON.parse(body) as ChatCompletion & { created?: number };
  const id = responseIdOf(c.id);
  const choice = c.choices?.[0];
  const output: unknown[] = [];
  const text = choice?.message?.content;
  if (typeof text === "string" && text)
    output.push(messageItem(`msg_${id.slice(5)}`, text, "completed"));
  for (const call of choice?.message?.tool_calls ?? [])
    output.push(functionCallItem(call, "completed"));
  return JSON.stringify(
    responseObject(
      id,
      c.model ?? "",
      c.created ?? Math.floor(Date.now() / 1000),
      choice?.finish_reason === "length" ? "incomplete" : "completed",
      output,
      responsesUsage(c.usage),
      echo,
    ),
  );
}
