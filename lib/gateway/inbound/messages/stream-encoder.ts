import type { UpstreamFailure } from "@/lib/gateway/errors/error-class";
import type { SseEncoder } from "@/lib/gateway/stream-relay";
import { messageIdOf, stopReasonOf, usageOf } from "./to-messages-response";

const encoder = new TextEncoder();

interface Chunk {
  id?: string;
  model?: string;
  choices?: {
    delta?: {
      content?: string | null;
      tool_calls?: {
        index?: number;
        id?: string;
        function?: { name?: string; arguments?: string };
      }[];
    };
    finish_reason?: string | null;
  }[];
  usage?: Parameters<typeof usageOf>[0];
}

/**
 * OpenAI chat chunks -> Anthropic's streamed events, as its streaming reference orders
 * them: `message_start`, then per content block `content_block_start`, its
 * `content_block_delta`s (`text_delta`, `input_json_delta`) and `content_block_stop`,
 * then `message_delta` (stop reason and usage) and `message_stop`. The message delta
 * waits for the end, because the usage chunk follows the finish chunk.
 */
export function createMessagesStreamEncoder(): SseEncoder {
  let started = false;
  /** Index of the open content block and what it is (a text block or a tool call's index). */
  let open: { index: number; tool: number | null } | null = null;
  let blocks = 0;
  let stopReason = "end_turn";
  let usage: Chunk["usage"] = null;
  let text = "";

  const event = (name: string, data: unknown) => {
    text += `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
  };
  const close = () => {
    if (open) event("content_block_stop", { type: "content_block_stop", index: open.index });
    open = null;
  };
  const start = (chunk: Chunk) => {
    started = true;
    event("message_start", {
      type: "message_start",
      message: {
        id: messageIdOf(chunk.id),
        type: "message",
        role: "assistant",
        model: chunk.model ?? "",
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 0, output_tokens: 0 },
      },
    });
  };
  const onChunk = (chunk: Chunk) => {
    if (!started) start(chunk);
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices?.[0];
    const delta = choice?.delta;
    if (typeof delta?.content === "string" && delta.content) {
      if (open?.tool !== null || !open) {
        close();
        open = { index: blocks++, tool: null };
        event("content_block_start", {
          type: "content_block_start",
          index: open.index,
          content_block: { type: "text", text: "" },
        });
      }
      event("content_block_delta", {
        type: "content_block_delta",
        index: open.index,
        delta: { type: "text_delta", text: delta.content },
      });
    }
    for (const call of delta?.tool_calls ?? []) {
      const tool = call.index ?? 0;
      if (!open || open.tool !== tool) {
        close();
        open = { index: blocks++, tool };
        event("content_block_start", {
          type: "content_block_start",
          index: open.index,
          content_block: {
            type: "tool_use",
            id: call.id ?? "",
            name: call.function?.name ?? "",
            input: {},
          },
        });
      }
      const args = call.function?.arguments;
      if (args)
        event("content_block_delta", {
          type: "content_block_delta",
          index: open.index,
          delta: { type: "input_json_delta", partial_json: args },
        });
    }
    if (choice?.finish_reason) stopReason = stopReasonOf(choice.finish_reason);
  };
  const flush = () => {
    const bytes = encoder.encode(text);
    text = "";
    return bytes;
  };

  return {
    frame(payloads) {
      for (const p of payloads) onChunk(JSON.parse(p) as Chunk);
      return flush();
    },
    done() {
      if (!started) start({});
      close();
      event("message_delta", {
        type: "message_delta",
        delta: { stop_reason: stopReason, stop_sequence: null },
        usage: usageOf(usage),
      });
      event("message_stop", { type: "message_stop" });
      return flush();
    },
    fail(failure: UpstreamFailure) {
      event("error", {
        type: "error",
        error: {
          type: failure.errorClass === "overloaded" ? "overloaded_error" : "api_error",
          message: `The upstream provider failed mid-stream (${failure.errorClass}${failure.message ? `: ${failure.message}` : ""}).`,
        },
      });
      return flush();
    },
  };
}
