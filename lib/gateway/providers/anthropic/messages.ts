import type { ChatMessage } from "@/lib/gateway/chat-request";
import { imageUrlOf, invalid, isRecord, parseDataUrl, textOf, toolCallsOf } from "../openai-input";

/**
 * OpenAI messages -> Anthropic `system` + `messages`. System and developer messages
 * become the top-level `system`; an assistant's tool calls become `tool_use` blocks and
 * each tool result a `tool_result` block in a user turn. Consecutive turns of one role
 * are merged, which puts the results of parallel calls into the single user turn that
 * must follow them, ahead of any text the user adds.
 */

export type AnthropicBlock = Record<string, unknown>;
export interface AnthropicMessageIn {
  role: "user" | "assistant";
  content: AnthropicBlock[];
}

function imageBlock(url: string): AnthropicBlock {
  const inline = parseDataUrl(url);
  if (inline)
    return {
      type: "image",
      source: { type: "base64", media_type: inline.mimeType, data: inline.data },
    };
  return { type: "image", source: { type: "url", url } };
}

function userBlocks(content: ChatMessage["content"], at: string): AnthropicBlock[] {
  // Anthropic refuses empty text blocks, so empty text is left out rather than sent.
  if (typeof content === "string") return content ? [{ type: "text", text: content }] : [];
  if (!Array.isArray(content)) return [];
  const blocks: AnthropicBlock[] = [];
  for (const [i, part] of content.entries()) {
    const param = `${at}.content.${i}`;
    switch (part.type) {
      case "text":
        if (typeof part.text === "string" && part.text)
          blocks.push({ type: "text", text: part.text });
        break;
      case "image_url": {
        const url = imageUrlOf(part);
        if (!url) throw invalid("An image_url part needs a url.", param);
        blocks.push(imageBlock(url));
        break;
      }
      case "file": {
        const file = isRecord(part.file) ? part.file : {};
        const inline =
          typeof file.file_data === "string" ? parseDataUrl(file.file_data) : undefined;
        if (!inline)
          throw invalid(
            "Only files sent inline as a data URL (file.file_data) can be passed to Anthropic.",
            param,
          );
        blocks.push({
          type: "document",
          source: { type: "base64", media_type: inline.mimeType, data: inline.data },
        });
        break;
      }
      default:
        throw invalid(`Content parts of type '${part.type}' cannot be sent to Anthropic.`, param);
    }
  }
  return blocks;
}

function assistantBlocks(message: ChatMessage, at: string): AnthropicBlock[] {
  const blocks: AnthropicBlock[] = [];
  const text = textOf(message.content);
  if (text) blocks.push({ type: "text", text });
  for (const call of toolCallsOf(message, at))
    blocks.push({ type: "tool_use", id: call.id, name: call.name, input: call.args });
  return blocks;
}

export function toAnthropicMessages(messages: readonly ChatMessage[]): {
  system?: string;
  messages: AnthropicMessageIn[];
} {
  const system: string[] = [];
  const out: AnthropicMessageIn[] = [];
  const push = (role: AnthropicMessageIn["role"], content: AnthropicBlock[]) => {
    if (content.length === 0) return;
    const last = out[out.length - 1];
    if (last && last.role === role) last.content.push(...content);
    else out.push({ role, content });
  };

  for (const [i, m] of messages.entries()) {
    const at = `messages.${i}`;
    const role = m.role;
    switch (role) {
      case "system":
      case "developer": {
        const text = textOf(m.content);
        if (text) system.push(text);
        break;
      }
      case "user":
        push("user", userBlocks(m.content, at));
        break;
      case "assistant":
        push("assistant", assistantBlocks(m, at));
        break;
      case "tool":
        if (!m.tool_call_id)
          throw invalid("A tool message needs the tool_call_id it answers.", `${at}.tool_call_id`);
        push("user", [
          { type: "tool_result", tool_use_id: m.tool_call_id, content: textOf(m.content) },
        ]);
        break;
      case "function":
        // Anthropic pairs every result with a call id, which the legacy function role lacks.
        throw invalid(
          "Messages with role 'function' cannot be sent to Anthropic; use 'tool' messages.",
          `${at}.role`,
        );
      default: {
        const unreachable: never = role;
        throw invalid(`Unknown role '${String(unreachable)}'.`, `${at}.role`);
      }
    }
  }
  return { ...(system.length > 0 ? { system: system.join("\n\n") } : {}), messages: out };
}
