/**
 * Reads an `openai` client chat stream to its end and reassembles what a caller would
 * build from it: the text, the tool calls (name + concatenated argument fragments), the
 * finish reason and the usage chunk. An error thrown while iterating (the client's
 * APIError for an in-stream error event) is kept, together with everything received
 * before it, instead of being rethrown.
 */
import type OpenAI from "openai";

export interface AssembledToolCall {
  id: string | undefined;
  name: string;
  arguments: string;
}

export interface CollectedStream {
  chunks: OpenAI.ChatCompletionChunk[];
  text: string;
  /** Content pieces in arrival order (empty pieces left out). */
  pieces: string[];
  toolCalls: AssembledToolCall[];
  finishReason: string | null;
  usage: OpenAI.CompletionUsage | null;
  /** Chunks with a usage object: the usage chunk, only when the caller asked for it. */
  usageChunks: number;
  error: unknown;
}

export async function collectStream(
  stream: AsyncIterable<OpenAI.ChatCompletionChunk>,
): Promise<CollectedStream> {
  const out: CollectedStream = {
    chunks: [],
    text: "",
    pieces: [],
    toolCalls: [],
    finishReason: null,
    usage: null,
    usageChunks: 0,
    error: undefined,
  };
  try {
    for await (const chunk of stream) {
      out.chunks.push(chunk);
      if (chunk.usage) {
        out.usage = chunk.usage;
        out.usageChunks++;
      }
      const choice = chunk.choices[0];
      if (!choice) continue;
      const content = choice.delta?.content;
      if (content) {
        out.pieces.push(content);
        out.text += content;
      }
      for (const call of choice.delta?.tool_calls ?? []) {
        const slot = (out.toolCalls[call.index] ??= { id: undefined, name: "", arguments: "" });
        if (call.id) slot.id = call.id;
        if (call.function?.name) slot.name += call.function.name;
        if (call.function?.arguments) slot.arguments += call.function.arguments;
      }
      if (choice.finish_reason) out.finishReason = choice.finish_reason;
    }
  } catch (err) {
    out.error = err;
  }
  return out;
}
