import { randomBytes } from "node:crypto";
import type { AdapterContext } from "@/lib/gateway/providers/types";
import { mapAnthropicStopReason } from "./finish-reason";
import { AnthropicMessage } from "./schemas";
import { readAnthropicUsage, toOpenAIUsage } from "./usage";
import { isRecord } from "../openai-input";
import { restoreToolCallId } from "../tool-call-ids";

export interface OpenAIToolCallOut {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

/** Anthropic's message id, kept inside the OpenAI id so a completion can be traced upstream. */
export function completionId(messageId: string | null | undefined): string {
  return `chatcmpl-${messageId || randomBytes(12).toString("base64url")}`;
}

/** What the gateway counts when the upstream reports no usage: the text plus each call. */
export function countedText(text: string, toolCalls: readonly OpenAIToolCallOut[]): string {
  let out = text;
  for (const call of toolCalls)
    out += `${out ? " " : ""}${call.function.name} ${call.function.arguments}`;
  return out;
}

/**
 * A 2xx Messages body -> OpenAI chat.completion. Text blocks make the content, tool_use
 * blocks the tool calls; thinking blocks are not part of the answer and are left out.
 */
export function parseAnthropicResponse(json: unknown, ctx: Pick<AdapterContext, "upstreamModel">) {
  // Anthropic's error shape, `{type: "error", error: {...}}`, is a failure even with a 2xx status.
  if (
    isRecord(json) &&
    (json.type === "error" || (json.error !== undefined && json.content === undefined))
  ) {
    return {
      completion: {} as Record<string, unknown>,
      usage: null,
      text: "",
      error: { body: json },
    };
  }
  const parsed = AnthropicMessage.safeParse(json);
  const message: AnthropicMessage = parsed.success ? parsed.data : {};
  let text = "";
  const toolCalls: OpenAIToolCallOut[] = [];
  for (const block of message.content ?? []) {
    if (block.type === "text" && typeof block.text === "string") text += block.text;
    else if (block.type === "tool_use" && block.id && block.name) {
      toolCalls.push({
        id: restoreToolCallId(block.id),
        type: "function",
        function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
      });
    }
  }
  const usage = readAnthropicUsage(message.usage);
  const out: Record<string, unknown> = {
    role: "assistant",
    content: toolCalls.length > 0 && !text ? null : text,
    refusal: null,
  };
  if (toolCalls.length > 0) out.tool_calls = toolCalls;
  const completion: Record<string, unknown> = {
    id: completionId(message.id),
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: message.model || ctx.upstreamModel,
    choices: [
      {
        index: 0,
        message: out,
        logprobs: null,
        finish_reason: mapAnthropicStopReason(message.stop_reason),
      },
    ],
  };
  if (usage) completion.usage = toOpenAIUsage(usage);
  return { completion, usage, text: countedText(text, toolCalls) };
}
