import type { ChatMessage } from "@/lib/gateway/chat-request";
import {
  imageUrlOf,
  invalid,
  isRecord,
  parseDataUrl,
  textOf,
  toolCallsOf,
  toolNamesById,
} from "../openai-input";

/**
 * OpenAI messages -> Gemini `systemInstruction` + `contents`. Gemini has two roles:
 * the assistant is "model", and everything else the model reads (user text, tool
 * results as `functionResponse` parts) is "user", as the v1beta function-calling guide
 * sends it. Consecutive turns of one role are merged, which also puts the results of
 * parallel calls into the single turn Gemini expects after them.
 */

export type GeminiPartIn = Record<string, unknown>;
export interface GeminiContent {
  role: "user" | "model";
  parts: GeminiPartIn[];
}

/**
 * Gemini 3 refuses a replayed function call without its thought signature. Calls that
 * came from another provider (after a failover) or from a client that dropped the
 * signature carry this value, which Google documents for exactly that case.
 */
export const SKIP_THOUGHT_SIGNATURE = "skip_thought_signature_validator";

const AUDIO_MIME: Record<string, string> = { wav: "audio/wav", mp3: "audio/mp3" };

function userParts(content: ChatMessage["content"], at: string): GeminiPartIn[] {
  if (typeof content === "string") return content ? [{ text: content }] : [];
  if (!Array.isArray(content)) return [];
  const parts: GeminiPartIn[] = [];
  for (const [i, part] of content.entries()) {
    const param = `${at}.content.${i}`;
    switch (part.type) {
      case "text":
        if (typeof part.text === "string" && part.text) parts.push({ text: part.text });
        break;
      case "image_url": {
        const url = imageUrlOf(part);
        if (!url) throw invalid("An image_url part needs a url.", param);
        const inline = parseDataUrl(url);
        // Gemini fetches public http(s) URLs given as fileData.
        parts.push(inline ? { inlineData: inline } : { fileData: { fileUri: url } });
        break;
      }
      case "input_audio": {
        const audio = isRecord(part.input_audio) ? part.input_audio : {};
        const mimeType = typeof audio.format === "string" ? AUDIO_MIME[audio.format] : undefined;
        if (typeof audio.data !== "string" || !mimeType)
          throw invalid("An input_audio part needs base64 data and a format of wav or mp3.", param);
        parts.push({ inlineData: { mimeType, data: audio.data } });
        break;
      }
      case "file": {
        const file = isRecord(part.file) ? part.file : {};
        const inline =
          typeof file.file_data === "string" ? parseDataUrl(file.file_data) : undefined;
        if (!inline)
          throw invalid(
            "Only files sent inline as a data URL (file.file_data) can be passed to Gemini.",
            param,
          );
        parts.push({ inlineData: inline });
        break;
      }
      default:
        throw invalid(`Content parts of type '${part.type}' cannot be sent to Gemini.`, param);
    }
  }
  return parts;
}

/**
 * A tool result as Gemini wants it: a JSON object. Anything else goes under `output`,
 * the key Google suggests for a function's result.
 */
function functionResponse(name: string, content: ChatMessage["content"]): GeminiPartIn {
  const text = textOf(content);
  let response: Record<string, unknown> = { output: text };
  try {
    const parsed: unknown = JSON.parse(text);
    response = isRecord(parsed) ? parsed : { output: parsed };
  } catch {
    // Not JSON: keep it as text.
  }
  return { functionResponse: { name, response } };
}

function modelParts(message: ChatMessage, at: string): GeminiPartIn[] {
  const parts: GeminiPartIn[] = [];
  const text = textOf(message.content);
  if (text) parts.push({ text });
  for (const [i, call] of toolCallsOf(message, at).entries()) {
    const part: GeminiPartIn = { functionCall: { name: call.name, args: call.args } };
    // Only the first call of a turn carries the signature for parallel calls.
    const signature = call.thoughtSignature ?? (i === 0 ? SKIP_THOUGHT_SIGNATURE : undefined);
    if (signature) part.thoughtSignature = signature;
    parts.push(part);
  }
  return parts;
}

export function toGeminiContents(messages: readonly ChatMessage[]): {
  systemInstruction?: { parts: GeminiPartIn[] };
  contents: GeminiContent[];
} {
  const system: GeminiPartIn[] = [];
  const contents: GeminiContent[] = [];
  const toolNames = toolNamesById(messages);
  const push = (role: GeminiContent["role"], parts: GeminiPartIn[]) => {
    if (parts.length === 0) return;
    const last = contents[contents.length - 1];
    if (last && last.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  };

  for (const [i, m] of messages.entries()) {
    const at = `messages.${i}`;
    const role = m.role;
    switch (role) {
      case "system":
      case "developer": {
        const text = textOf(m.content);
        if (text) system.push({ text });
        break;
      }
      case "user":
        push("user", userParts(m.content, at));
        break;
      case "assistant":
        push("model", modelParts(m, at));
        break;
      case "tool": {
        const name = m.tool_call_id ? toolNames.get(m.tool_call_id) : undefined;
        if (!name)
          throw invalid(
            "A tool message must answer a tool call made by an earlier assistant message.",
            `${at}.tool_call_id`,
          );
        push("user", [functionResponse(name, m.content)]);
        break;
      }
      case "function":
        if (!m.name) throw invalid("A function message needs the function's name.", `${at}.name`);
        push("user", [functionResponse(m.name, m.content)]);
        break;
      default: {
        const unreachable: never = role;
        throw invalid(`Unknown role '${String(unreachable)}'.`, `${at}.role`);
      }
    }
  }
  return { ...(system.length > 0 ? { systemInstruction: { parts: system } } : {}), contents };
}
