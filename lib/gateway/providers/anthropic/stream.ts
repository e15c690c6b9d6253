import type {
  AdapterContext,
  StreamStep,
  StreamTranslator,
  TokenUsage,
} from "@/lib/gateway/providers/types";
import { mapAnthropicStopReason, type OpenAIFinishReason } from "./finish-reason";
import { completionId, countedText, type OpenAIToolCallOut } from "./response";
import { AnthropicStreamEvent, type AnthropicUsage } from "./schemas";
import { readAnthropicUsage, toOpenAIUsage } from "./usage";
import { restoreToolCallId } from "../tool-call-ids";

/**
 * Anthropic's named SSE events -> OpenAI chunks:
 *   message_start        role chunk; input usage
 *   content_block_start  a tool_use block opens a tool call (index, id, name)
 *   content_block_delta  text_delta -> content, input_json_delta -> argument fragment
 *   message_delta        finish chunk; final output usage (and the usage chunk if asked)
 *   message_stop         done
 *   error                error (before any output the core fails over)
 * ping, content_block_stop and event types added later produce nothing.
 */

const EVENT_TYPES = [
  "message_start",
  "content_block_start",
  "content_block_delta",
  "content_block_stop",
  "message_delta",
  "message_stop",
  "ping",
  "error",
] as const;
type EventType = (typeof EVENT_TYPES)[number];

function isKnown(type: string): type is EventType {
  return (EVENT_TYPES as readonly string[]).includes(type);
}

export function createAnthropicStreamTranslator(
  ctx: Pick<AdapterContext, "upstreamModel"> & { clientWantsUsage: boolean },
): StreamTranslator {
  const created = Math.floor(Date.now() / 1000);
  let id = completionId(undefined);
  let model = ctx.upstreamModel;
  let usage: AnthropicUsage = {};
  /** Anthropic content-block index -> OpenAI tool_calls index, for tool_use blocks only. */
  const toolIndexByBlock = new Map<number, number>();
  const toolCalls: OpenAIToolCallOut[] = [];
  let text = "";

  const chunk = (delta: Record<string, unknown>, finishReason: OpenAIFinishReason | null = null) =>
    JSON.stringify({
      id,
      object: "chat.completion.chunk",
      created,
      model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    });

  function finish(event: AnthropicStreamEvent): StreamStep {
    // message_delta repeats the counts cumulatively; newer API versions include input too.
    usage = {
      ...usage,
      ...Object.fromEntries(
        Object.entries(event.usage ?? {}).filter(([, v]) => typeof v === "number"),
      ),
    };
    const out = [chunk({}, mapAnthropicStopReason(event.delta?.stop_reason))];
    const tokens: TokenUsage | null = readAnthropicUsage(usage);
    if (!tokens) return { out };
    if (ctx.clientWantsUsage)
      out.push(
        JSON.stringify({
          id,
          object: "chat.completion.chunk",
          created,
          model,
          choices: [],
          usage: toOpenAIUsage(tokens),
        }),
      );
    return { out, usage: tokens };
  }

  return {
    onEvent({ event: name, data }): StreamStep {
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        return { out: [], error: { body: data } };
      }
      const parsed = AnthropicStreamEvent.safeParse(json);
      if (!parsed.success)
        return name === "error" ? { out: [], error: { body: json } } : { out: [] };
      const event = parsed.data;
      if (!isKnown(event.type)) return { out: [] };
      const type = event.type;
      switch (type) {
        case "message_start": {
          const message = event.message;
          if (message?.id) id = completionId(message.id);
          if (message?.model) model = message.model;
          if (message?.usage) usage = { ...message.usage };
          // OpenAI streams open with the role; clients key the message off it. The input
          // count is reported now so a stream cut before message_delta is still metered.
          const tokens = readAnthropicUsage(usage);
          const out = [chunk({ role: "assistant", content: "" })];
          return tokens ? { out, usage: tokens } : { out };
        }
        case "content_block_start": {
          const block = event.content_block;
          if (block?.type === "text" && block.text) {
            text += block.text;
            return { out: [chunk({ content: block.text })] };
          }
          if (block?.type !== "tool_use" || typeof event.index !== "number") return { out: [] };
          const index = toolCalls.length;
          toolIndexByBlock.set(event.index, index);
          const call: OpenAIToolCallOut = {
            id: restoreToolCallId(block.id ?? ""),
            type: "function",
            function: { name: block.name ?? "", arguments: "" },
          };
          toolCalls.push(call);
          return { out: [chunk({ tool_calls: [{ index, ...call }] })] };
        }
        case "content_block_delta": {
          const delta = event.delta;
          if (delta?.type === "text_delta" && delta.text) {
            text += delta.text;
            return { out: [chunk({ content: delta.text })] };
          }
          const index =
            typeof event.index === "number" ? toolIndexByBlock.get(event.index) : undefined;
          if (delta?.type !== "input_json_delta" || !delta.partial_json || index === undefined)
            return { out: [] };
          toolCalls[index]!.function.arguments += delta.partial_json;
          return {
            out: [chunk({ tool_calls: [{ index, function: { arguments: delta.partial_json } }] })],
          };
        }
        case "message_delta":
          return finish(event);
        case "message_stop":
          return { out: [], done: true };
        case "error":
          return { out: [], error: { body: json } };
        case "content_block_stop": {
          // A tool_use block with empty input streams no argument fragment at all (or only
          // ""); the JSON answer says `{}`, and so must the stream, or clients cannot parse it.
          const index =
            typeof event.index === "number" ? toolIndexByBlock.get(event.index) : undefined;
          if (index === undefined || toolCalls[index]!.function.arguments !== "")
            return { out: [] };
          toolCalls[index]!.function.arguments = "{}";
          return { out: [chunk({ tool_calls: [{ index, function: { arguments: "{}" } }] })] };
        }
        case "ping":
          return { out: [] };
        default: {
          const unreachable: never = type;
          return unreachable;
        }
      }
    },
    completionText() {
      return countedText(text, toolCalls);
    },
  };
}
