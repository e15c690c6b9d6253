import { randomBytes } from "node:crypto";
import type { AdapterContext, TokenUsage } from "@/lib/gateway/providers/types";
import {
  GEMINI_FAILURE_FINISH_REASONS,
  geminiFinishFailure,
  mapGeminiFinishReason,
  type OpenAIFinishReason,
} from "./finish-reason";
import { GeminiResponse, type GeminiPart } from "./schemas";
import { readGeminiUsage, toOpenAIUsage } from "./usage";
import { isRecord } from "../openai-input";

/** An OpenAI tool call as it appears in a message or, with an index, in a delta. */
export interface OpenAIToolCallOut {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
  /** Google's OpenAI endpoint returns the thought signature here; the request side reads it back. */
  extra_content?: { google: { thought_signature: string } };
}

/**
 * Gemini's functionCall often has no id. One derived from the response id and the
 * call's position is the same in a streamed and a whole answer; random only when the
 * response has no id either.
 */
export function newToolCallId(responseId?: string | null, index?: number): string {
  if (responseId && index !== undefined) return `call_${responseId}_${index}`;
  return `call_${randomBytes(12).toString("base64url")}`;
}

export function newCompletionId(responseId: string | null | undefined): string {
  return `chatcmpl-${responseId || randomBytes(12).toString("base64url")}`;
}

/** Answer text and function calls of one candidate's parts; thought summaries are left out. */
export function readParts(
  parts: readonly GeminiPart[] | null | undefined,
  responseId?: string | null,
  firstCallIndex = 0,
): { text: string; toolCalls: OpenAIToolCallOut[] } {
  let text = "";
  const toolCalls: OpenAIToolCallOut[] = [];
  for (const part of parts ?? []) {
    if (part.functionCall) {
      const call: OpenAIToolCallOut = {
        id: part.functionCall.id || newToolCallId(responseId, firstCallIndex + toolCalls.length),
        type: "function",
        function: {
          name: part.functionCall.name,
          arguments: JSON.stringify(part.functionCall.args ?? {}),
        },
      };
      if (part.thoughtSignature)
        call.extra_content = { google: { thought_signature: part.thoughtSignature } };
      toolCalls.push(call);
    } else if (typeof part.text === "string" && !part.thought) {
      text += part.text;
    }
  }
  return { text, toolCalls };
}

/** What the gateway counts when the upstream reports no usage: the text plus each call. */
export function countedText(text: string, toolCalls: readonly OpenAIToolCallOut[]): string {
  let out = text;
  for (const call of toolCalls)
    out += `${out ? " " : ""}${call.function.name} ${call.function.arguments}`;
  return out;
}

/**
 * A 2xx generateContent body -> OpenAI chat.completion, following Google's
 * `GenerateContentResponse` reference (ai.google.dev/api/generate-content): each
 * candidate is a choice at its `index` (several when `candidateCount` > 1). A prompt
 * Gemini refused to answer (`promptFeedback.blockReason`, no candidates) is an empty
 * answer finished by "content_filter", which is how OpenAI reports a filtered completion.
 * A candidate that ended in a failure (a malformed function call, say) fails the answer.
 */
export function parseGeminiResponse(json: unknown, ctx: Pick<AdapterContext, "upstreamModel">) {
  const parsed = GeminiResponse.safeParse(json);
  const response: GeminiResponse = parsed.success ? parsed.data : {};
  const candidates = response.candidates ?? [];
  const gemini = readGeminiUsage(response.usageMetadata);
  const usage: TokenUsage | null = gemini?.usage ?? null;
  if (isRecord(json) && json.error !== undefined && !response.candidates)
    return { completion: {} as Record<string, unknown>, usage, text: "", error: { body: json } };
  const failed = candidates.find(
    (c) => c.finishReason && GEMINI_FAILURE_FINISH_REASONS.has(c.finishReason),
  );
  if (failed?.finishReason) {
    return {
      completion: {} as Record<string, unknown>,
      usage,
      text: "",
      error: { body: geminiFinishFailure(failed.finishReason) },
    };
  }
  let counted = "";
  const choices = candidates.map((candidate, i) => {
    const { text, toolCalls } = readParts(candidate.content?.parts, response.responseId);
    counted += (counted ? " " : "") + countedText(text, toolCalls);
    const message: Record<string, unknown> = {
      role: "assistant",
      content: toolCalls.length > 0 && !text ? null : text,
      refusal: null,
    };
    if (toolCalls.length > 0) message.tool_calls = toolCalls;
    return {
      index: candidate.index ?? i,
      message,
      logprobs: null,
      finish_reason: mapGeminiFinishReason(candidate.finishReason ?? "STOP", toolCalls.length > 0),
    };
  });
  if (choices.length === 0) {
    const finish: OpenAIFinishReason = response.promptFeedback?.blockReason
      ? "content_filter"
      : "stop";
    choices.push({
      index: 0,
      message: { role: "assistant", content: "", refusal: null },
      logprobs: null,
      finish_reason: finish,
    });
  }
  choices.sort((a, b) => a.index - b.index);
  const completion: Record<string, unknown> = {
    id: newCompletionId(response.responseId),
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: response.modelVersion || ctx.upstreamModel,
    choices,
  };
  if (gemini) completion.usage = toOpenAIUsage(gemini);
  return { completion, usage, text: counted };
}
