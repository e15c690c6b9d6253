import { ApiError } from "@/lib/errors";
import type { ChatMessage } from "@/lib/gateway/chat-request";

/**
 * Readers for the pieces of an OpenAI request that a native translator needs: message
 * text, tool calls and data URLs. The request schema keeps these loose (unknown fields
 * pass through to OpenAI-compatible upstreams), so they are checked here, where a
 * translator depends on their shape, and a wrong shape is the client's 400.
 */

export interface OpenAIToolCall {
  id: string;
  name: string;
  /** Parsed `function.arguments`. */
  args: Record<string, unknown>;
  /** Gemini's thought signature, carried the way Google's OpenAI endpoint carries it. */
  thoughtSignature?: string;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

export function invalid(message: string, param: string): ApiError {
  return new ApiError("invalid_request_error", message, { param });
}

/** Text of a string or content-part message; non-text parts are the caller's business. */
export function textOf(content: ChatMessage["content"]): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  let text = "";
  for (const part of content)
    if (part.type === "text" && typeof part.text === "string") text += part.text;
  return text;
}

export function toolCallsOf(message: ChatMessage, at: string): OpenAIToolCall[] {
  const calls: OpenAIToolCall[] = [];
  for (const [i, raw] of (message.tool_calls ?? []).entries()) {
    const fn = raw.function;
    if (!isRecord(fn) || typeof fn.name !== "string" || typeof raw.id !== "string") {
      throw invalid("Each tool call needs an id and a function name.", `${at}.tool_calls.${i}`);
    }
    const args = parseArguments(fn.arguments, `${at}.tool_calls.${i}.function.arguments`);
    const google = isRecord(raw.extra_content) ? raw.extra_content.google : undefined;
    const signature =
      isRecord(google) && typeof google.thought_signature === "string"
        ? google.thought_signature
        : undefined;
    calls.push({
      id: raw.id,
      name: fn.name,
      args,
      ...(signature ? { thoughtSignature: signature } : {}),
    });
  }
  return calls;
}

function parseArguments(raw: unknown, param: string): Record<string, unknown> {
  if (raw === undefined || raw === null || raw === "") return {};
  if (isRecord(raw)) return raw;
  if (typeof raw === "string") {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (isRecord(parsed)) return parsed;
    } catch {
      // Reported below with the parameter that is wrong.
    }
  }
  throw invalid("Tool call arguments must be a JSON object encoded as a string.", param);
}

/** Tool call id -> function name, because a tool result names only the call id. */
export function toolNamesById(messages: readonly ChatMessage[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of messages) {
    if (m.role !== "assistant") continue;
    for (const call of m.tool_calls ?? []) {
      const fn = call.function;
      if (typeof call.id === "string" && isRecord(fn) && typeof fn.name === "string")
        names.set(call.id, fn.name);
    }
  }
  return names;
}

/** `data:<mime>;base64,<data>` split into its parts; undefined for any other URL. */
export function parseDataUrl(url: string): { mimeType: string; data: string } | undefined {
  const match = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s.exec(url);
  if (!match) return undefined;
  const mimeType = match[1] || "application/octet-stream";
  const isBase64 = match[2]!.split(";").includes("base64");
  const data = isBase64
    ? match[3]!
    : Buffer.from(decodeURIComponent(match[3]!), "utf8").toString("base64");
  return { mimeType, data };
}

/** The URL of an `image_url` part, in either the object or the older string form. */
export function imageUrlOf(part: Record<string, unknown>): string | undefined {
  const image = part.image_url;
  if (typeof image === "string") return image;
  return isRecord(image) && typeof image.url === "string" ? image.url : undefined;
}

export { isRecord };
