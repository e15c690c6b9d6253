import type { AdapterContext, StreamStep, StreamTranslator } from "@/lib/gateway/providers/types";
import {
  GEMINI_FAILURE_FINISH_REASONS,
  geminiFinishFailure,
  mapGeminiFinishReason,
  type OpenAIFinishReason,
} from "./finish-reason";
import { countedText, newCompletionId, readParts, type OpenAIToolCallOut } from "./response";
import { GeminiResponse, type GeminiUsageMetadata } from "./schemas";
import { readGeminiUsage, toOpenAIUsage } from "./usage";

/**
 * streamGenerateContent?alt=sse -> OpenAI chunks. Every Gemini event is a whole
 * GenerateContentResponse: text arrives in pieces, a function call arrives complete.
 * There is no [DONE]: the chunk carrying a finishReason (or a prompt block) ends the
 * stream. usageMetadata is repeated on many chunks with growing counts, so the last one
 * seen is the tally; it is reported once, at the end, never summed.
 */
export function createGeminiStreamTranslator(
  ctx: Pick<AdapterContext, "upstreamModel"> & { clientWantsUsage: boolean },
): StreamTranslator {
  const created = Math.floor(Date.now() / 1000);
  let id: string | undefined;
  let model = ctx.upstreamModel;
  let sentRole = false;
  let toolCallCount = 0;
  let done = false;
  let lastUsage: GeminiUsageMetadata | undefined;
  let text = "";
  const toolCalls: OpenAIToolCallOut[] = [];

  const chunk = (delta: Record<string, unknown>, finishReason: OpenAIFinishReason | null) =>
    JSON.stringify({
      id,
      object: "chat.completion.chunk",
      created,
      model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    });

  return {
    onEvent({ data }): StreamStep {
      if (done || data.trim() === "") return { out: [] };
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        return { out: [], error: { body: data } };
      }
      const parsed = GeminiResponse.safeParse(json);
      if (!parsed.success || ("error" in parsed.data && !parsed.data.candidates))
        return { out: [], error: { body: json } };
      const response = parsed.data;
      id ??= newCompletionId(response.responseId);
      if (response.modelVersion) model = response.modelVersion;
      if (response.usageMetadata) lastUsage = response.usageMetadata;
      // The latest tally is kept however the stream ends, so a cut stream is still metered.
      const tally = readGeminiUsage(lastUsage)?.usage;

      const candidate = response.candidates?.[0];
      if (candidate?.finishReason && GEMINI_FAILURE_FINISH_REASONS.has(candidate.finishReason)) {
        const error = { body: geminiFinishFailure(candidate.finishReason) };
        return tally ? { out: [], error, usage: tally } : { out: [], error };
      }
      const piece = readParts(candidate?.content?.parts, response.responseId, toolCallCount);
      const delta: Record<string, unknown> = {};
      if (!sentRole) {
        // OpenAI streams open with the role; clients key the message off it.
        Object.assign(delta, { role: "assistant", content: "" });
        sentRole = true;
      }
      if (piece.text) {
        delta.content = piece.text;
        text += piece.text;
      }
      if (piece.toolCalls.length > 0) {
        delta.tool_calls = piece.toolCalls.map((call) => ({ index: toolCallCount++, ...call }));
        toolCalls.push(...piece.toolCalls);
      }
      const out = Object.keys(delta).length > 0 ? [chunk(delta, null)] : [];

      let finish: OpenAIFinishReason | undefined;
      if (candidate?.finishReason)
        finish = mapGeminiFinishReason(candidate.finishReason, toolCallCount > 0);
      else if (!candidate && response.promptFeedback?.blockReason) finish = "content_filter";
      if (!finish) return tally ? { out, usage: tally } : { out };

      done = true;
      out.push(chunk({}, finish));
      const usage = readGeminiUsage(lastUsage);
      if (usage && ctx.clientWantsUsage) {
        out.push(
          JSON.stringify({
            id,
            object: "chat.completion.chunk",
            created,
            model,
            choices: [],
            usage: toOpenAIUsage(usage),
          }),
        );
      }
      return usage ? { out, usage: usage.usage, done: true } : { out, done: true };
    },
    completionText() {
      return countedText(text, toolCalls);
    },
  };
}
