import type { UpstreamFailure } from "@/lib/gateway/errors/error-class";
import type { SseEncoder } from "@/lib/gateway/stream-relay";
import type { ToolCallOut } from "../messages/to-messages-response";
import {
  functionCallItem,
  messageItem,
  responseIdOf,
  responseObject,
  responsesUsage,
} from "./to-response";
import type { ResponsesEcho } from "./request-echo";

const encoder = new TextEncoder();

interface Chunk {
  id?: string;
  model?: string;
  choices?: {
    delta?: {
      content?: string | null;
      tool_calls?: (ToolCallOut & { index?: number })[];
    };
    finish_reason?: string | null;
  }[];
  usage?: Parameters<typeof responsesUsage>[0];
}

type Open =
  | { kind: "message"; index: number; id: string; text: string }
  | { kind: "call"; index: number; tool: number; call: ToolCallOut };

/**
 * OpenAI chat chunks -> the Responses API's typed stream events, in the order OpenAI's
 * streaming reference gives: `response.created`, `response.in_progress`, per output item
 * `response.output_item.added`, its content events (`response.content_part.added`,
 * `response.output_text.delta`/`.done`, `response.content_part.done`, or
 * `response.function_call_arguments.delta`/`.done`) and `response.output_item.done`, then
 * `response.completed` with the usage. Every event carries its `sequence_number`.
 * @param echo the request's settings every `response` object in the stream repeats.
 */
export function createResponsesStreamEncoder(echo: ResponsesEcho): SseEncoder {
  let seq = 0;
  let id = "";
  let model = "";
  const createdAt = Math.floor(Date.now() / 1000);
  const output: unknown[] = [];
  let open: Open | null = null;
  let finish: string | null = null;
  let usage: Chunk["usage"] = null;
  let text = "";

  const event = (type: string, data: Record<string, unknown>) => {
    text += `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: seq++, ...data })}\n\n`;
  };
  const close = () => {
    if (!open) return;
    const o = open;
    open = null;
    if (o.kind === "message") {
      const part = { type: "output_text", text: o.text, annotations: [] };
      const at = { item_id: o.id, output_index: o.index, content_index: 0 };
      event("response.output_text.done", { ...at, text: o.text });
      event("response.content_part.done", { ...at, part });
      const item = messageItem(o.id, o.text, "completed");
      output[o.index] = item;
      event("response.output_item.done", { output_index: o.index, item });
    } else {
      const item = functionCallItem(o.call, "completed");
      event("response.function_call_arguments.done", {
        item_id: item.id,
        output_index: o.index,
        arguments: item.arguments,
      });
      output[o.index] = item;
      event("response.output_item.done", { output_index: o.index, item });
    }
  };
  const onChunk = (chunk: Chunk) => {
    if (!id) {
      id = responseIdOf(chunk.id);
      model = chunk.model ?? "";
      const response = responseObject(id, model, createdAt, "in_progress", [], null, echo);
      event("response.created", { response });
      event("response.in_progress", { response });
    }
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices?.[0];
    const delta = choice?.delta;
    if (typeof delta?.content === "string" && delta.content) {
      if (open?.kind !== "message") {
        close();
        const index = output.length;
        open = { kind: "message", index, id: `msg_${id.slice(5)}_${index}`, text: "" };
        output.push(null);
        event("response.output_item.added", {
          output_index: index,
          item: messageItem(open.id, "", "in_progress"),
        });
        event("response.content_part.added", {
          item_id: open.id,
          output_index: index,
          content_index: 0,
          part: { type: "output_text", text: "", annotations: [] },
        });
      }
      open.text += delta.content;
      event("response.output_text.delta", {
        item_id: open.id,
        output_index: open.index,
        content_index: 0,
        delta: delta.content,
      });
    }
    for (const call of delta?.tool_calls ?? []) {
      const tool = call.index ?? 0;
      if (open?.kind !== "call" || open.tool !== tool) {
        close();
        const index = output.length;
        open = {
          kind: "call",
          index,
          tool,
          call: { id: call.id ?? "", function: { name: call.function?.name ?? "", arguments: "" } },
        };
        output.push(null);
        event("response.output_item.added", {
          output_index: index,
          item: functionCallItem(open.call, "in_progress"),
        });
      }
      const args = call.function?.arguments;
      if (args) {
        open.call.function!.arguments += args;
        event("response.function_call_arguments.delta", {
          item_id: `fc_${open.call.id}`,
          output_index: open.index,
          delta: args,
        });
      }
    }
    if (choice?.finish_reason) finish = choice.finish_reason;
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
      if (!id) onChunk({});
      close();
      const status = finish === "length" ? "incomplete" : "completed";
      const response = responseObject(
        id,
        model,
        createdAt,
        status,
        output,
        responsesUsage(usage),
        echo,
      );
      event(status === "completed" ? "response.completed" : "response.incomplete", { response });
      return flush();
    },
    fail(failure: UpstreamFailure) {
      event("error", {
        code: "upstream_error",
        message: `The upstream provider failed mid-stream (${failure.errorClass}${failure.message ? `: ${failure.message}` : ""}).`,
        param: null,
      });
      return flush();
    },
  };
}
