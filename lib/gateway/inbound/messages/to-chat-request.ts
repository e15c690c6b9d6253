import { ApiError } from "@/lib/errors";
import type { ChatCompletionRequest, ChatMessage } from "@/lib/gateway/chat-request";
import type { MessagesBlock, MessagesRequest } from "./schema";

/**
 * Anthropic Messages request -> the internal OpenAI Chat Completions request, following
 * Anthropic's Messages API reference and OpenAI's Chat Completions reference:
 *
 * - `system` (a string or text blocks) becomes the leading system message;
 * - a user turn's `tool_result` blocks become `tool` messages, ahead of its other content;
 * - an assistant turn's `tool_use` blocks become `tool_calls`;
 * - `image` (base64 or url) becomes `image_url`, a base64 `document` a `file` part;
 * - `thinking` and `redacted_thinking` blocks, `cache_control`, `top_k` and `thinking` are
 *   dropped: no other provider takes them (Anthropic itself gets the original body).
 *
 * @throws ApiError 400 naming the block for a content or tool type with no counterpart.
 */
export function messagesToChatRequest(m: MessagesRequest): ChatCompletionRequest {
  const messages: ChatMessage[] = [];
  const system = systemText(m.system);
  if (system) messages.push({ role: "system", content: system });
  for (const [i, turn] of m.messages.entries()) {
    const at = `messages.${i}.content`;
    if (turn.role === "user") messages.push(...userTurn(turn.content, at));
    else messages.push(assistantTurn(turn.content, at));
  }
  const out: ChatCompletionRequest = { model: m.model, messages, max_tokens: m.max_tokens };
  if (m.stream) {
    out.stream = true;
    // The usage comes in the last chunk only when asked for; the answer's usage needs it.
    out.stream_options = { include_usage: true };
  }
  if (m.stop_sequences?.length) out.stop = m.stop_sequences;
  if (typeof m.temperature === "number") out.temperature = m.temperature;
  if (typeof m.top_p === "number") out.top_p = m.top_p;
  if (m.metadata?.user_id) out.user = m.metadata.user_id;
  if (m.tools?.length) out.tools = m.tools.map(toFunctionTool);
  if (m.tool_choice) {
    const c = m.tool_choice;
    out.tool_choice =
      c.type === "any"
        ? "required"
        : c.type === "tool"
          ? { type: "function", function: { name: c.name ?? "" } }
          : c.type;
    if (c.disable_parallel_tool_use) out.parallel_tool_calls = false;
  }
  return out;
}

function invalid(message: string, param: string): ApiError {
  return new ApiError("invalid_request_error", message, { param });
}

function systemText(system: MessagesRequest["system"]): string {
  if (!system) return "";
  if (typeof system === "string") return system;
  return system
    .map((b, i) => {
      if (b.type !== "text" || typeof b.text !== "string")
        throw invalid(`System blocks must be text, not '${b.type}'.`, `system.${i}`);
      return b.text;
    })
    .join("\n\n");
}

function toFunctionTool(tool: NonNullable<MessagesRequest["tools"]>[number], i: number) {
  // Anthropic's server tools (web search, code execution, ...) have a versioned type and
  // run on Anthropic's side: no other provider can run them.
  if (tool.type && tool.type !== "custom")
    throw invalid(`Tool type '${tool.type}' is not supported; use client tools.`, `tools.${i}`);
  return {
    type: "function",
    function: {
      name: tool.name,
      ...(tool.description ? { description: tool.description } : {}),
      parameters: tool.input_schema ?? { type: "object", properties: {} },
    },
  };
}

function textOfBlocks(content: string | MessagesBlock[], at: string): string {
  if (typeof content === "string") return content;
  let text = "";
  for (const [i, b] of content.entries()) {
    if (b.type === "text" && typeof b.text === "string") text += (text ? "\n" : "") + b.text;
    else if (b.type !== "image")
      throw invalid(`Tool results may hold text, not '${b.type}'.`, `${at}.${i}`);
  }
  return text;
}

function mediaPart(b: MessagesBlock, param: string): Record<string, unknown> {
  const source = b.source as Record<string, unknown> | undefined;
  if (source?.type === "base64" && typeof source.data === "string") {
    const url = `data:${String(source.media_type)};base64,${source.data}`;
    return b.type === "image"
      ? { type: "image_url", image_url: { url } }
      : { type: "file", file: { file_data: url } };
  }
  if (source?.type === "url" && typeof source.url === "string" && b.type === "image")
    return { type: "image_url", image_url: { url: source.url } };
  if (source?.type === "text" && typeof source.data === "string")
    return { type: "text", text: source.data };
  throw invalid(`This ${b.type} source cannot be translated for this model.`, `${param}.source`);
}

function userTurn(content: string | MessagesBlock[], at: string): ChatMessage[] {
  if (typeof content === "string") return [{ role: "user", content }];
  const tools: ChatMessage[] = [];
  const parts: Record<string, unknown>[] = [];
  for (const [i, b] of content.entries()) {
    const param = `${at}.${i}`;
    switch (b.type) {
      case "text":
        parts.push({ type: "text", text: String(b.text ?? "") });
        break;
      case "image":
      case "document":
        parts.push(mediaPart(b, param));
        break;
      case "tool_result": {
        const text = textOfBlocks(
          (b.content as string | MessagesBlock[]) ?? "",
          `${param}.content`,
        );
        tools.push({
          role: "tool",
          tool_call_id: String(b.tool_use_id ?? ""),
          // OpenAI has no error flag on a tool result; the model reads it in the text.
          content: b.is_error === true ? `Error: ${text}` : text,
        });
        break;
      }
      default:
        throw invalid(`Content blocks of type '${b.type}' are not supported here.`, param);
    }
  }
  const out = [...tools];
  if (parts.length > 0) out.push({ role: "user", content: parts as ChatMessage["content"] });
  return out;
}

function assistantTurn(content: string | MessagesBlock[], at: string): ChatMessage {
  if (typeof content === "string") return { role: "assistant", content };
  let text = "";
  const calls: Record<string, unknown>[] = [];
  for (const [i, b] of content.entries()) {
    switch (b.type) {
      case "text":
        text += String(b.text ?? "");
        break;
      case "tool_use":
        calls.push({
          id: String(b.id ?? ""),
          type: "function",
          function: { name: String(b.name ?? ""), arguments: JSON.stringify(b.input ?? {}) },
        });
        break;
      case "thinking":
      case "redacted_thinking":
        // Reasoning of an earlier turn: only Anthropic can take it back, and it gets the original.
        break;
      default:
        throw invalid(`Content blocks of type '${b.type}' are not supported here.`, `${at}.${i}`);
    }
  }
  return {
    role: "assistant",
    content: text || (calls.length > 0 ? null : ""),
    ...(calls.length > 0 ? { tool_calls: calls } : {}),
  };
}
