import type { TokenUsage } from "@/lib/gateway/providers/types";
import { failureMarker } from "./failure-marker";
import { isPlainAnswer } from "./plain-answer";
import { toOpenAIFinishReason } from "./finish-reason";
import { OpenAIChatResponse } from "./schemas";
import { readOpenAIUsage } from "./usage";

export interface OpenAICompatibleParsed {
  /** The body for the client: the upstream's own object when nothing needed changing. */
  completion: Record<string, unknown>;
  usage: TokenUsage | null;
  /** Answer text plus tool calls, for counting tokens when no usage came back. */
  text: string;
  error?: { body: unknown };
}

/**
 * A 2xx chat.completion from an OpenAI-compatible provider (OpenAI API reference,
 * "The chat completion object"). It is passed through untouched unless it carries a
 * failure marker (then it is an error, not an answer), a finish reason OpenAI never
 * sends (mapped), or a tool call with empty `arguments` (sent as `"{}"`, which every
 * client can `JSON.parse`).
 */
export function parseOpenAICompatibleResponse(json: unknown): OpenAICompatibleParsed {
  const original = (json && typeof json === "object" ? json : {}) as Record<string, unknown>;
  if (isPlainAnswer(original, "message"))
    return {
      completion: original,
      usage: readOpenAIUsage(original.usage),
      text: answerText(original),
    };
  const parsed = OpenAIChatResponse.safeParse(json);
  if (!parsed.success) return { completion: original, usage: null, text: "" };
  const body = parsed.data;
  const usage = readOpenAIUsage(body.usage);
  const marker = failureMarker(body);
  if (marker) return { completion: original, usage, text: "", error: { body: marker } };

  let text = "";
  let changed = false;
  const choices = (body.choices ?? []).map((choice) => {
    const message = choice.message;
    if (typeof message?.content === "string") text += message.content;
    let next = choice;
    const reason = choice.finish_reason;
    if (reason && toOpenAIFinishReason(reason) !== reason)
      next = { ...next, finish_reason: toOpenAIFinishReason(reason) };
    const calls = message?.tool_calls ?? [];
    for (const call of calls)
      text += `${text ? " " : ""}${call.function?.name ?? ""} ${call.function?.arguments ?? ""}`;
    if (calls.some((c) => c.function && !c.function.arguments)) {
      const fixed = calls.map((c) =>
        c.function && !c.function.arguments
          ? { ...c, function: { ...c.function, arguments: "{}" } }
          : c,
      );
      next = { ...next, message: { ...message, tool_calls: fixed } };
    }
    if (next !== choice) changed = true;
    return next;
  });
  return { completion: changed ? { ...original, choices } : original, usage, text };
}

/** Content plus tool calls of every choice, for counting tokens when no usage came back. */
function answerText(completion: Record<string, unknown>): string {
  let text = "";
  for (const choice of (completion.choices ?? []) as {
    message?: {
      content?: unknown;
      tool_calls?: { function?: { name?: unknown; arguments?: unknown } }[];
    };
  }[]) {
    const message = choice?.message;
    if (typeof message?.content === "string") text += message.content;
    for (const call of message?.tool_calls ?? [])
      text += `${text ? " " : ""}${String(call.function?.name ?? "")} ${String(call.function?.arguments ?? "")}`;
  }
  return text;
}
