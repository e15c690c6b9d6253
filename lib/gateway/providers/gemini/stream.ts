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
 * streamGenerateContent?alt=sse -> OpenAI chunks, following Google's streaming reference
 * (ai.google.dev/api/generate-content#method:-models.streamgeneratecontent). Every Gemini
 * event is a whole GenerateContentResponse: text arrives in pieces, a function call
 * arrives complete. With `candidateCount` > 1 an event carries several candidates, each
 * at its `index`, which becomes the chunk's choice index. There is no [DONE]: the stream
 * ends when every candidate asked for has a finishReason (or the prompt is blocked).
 * usageMetadata is repeated on many chunks with growing counts, so the last one seen is
 * the tally; it is reported once, at the end, never summed.
 */
export function createGeminiStreamTranslator(
  ctx: Pick<AdapterContext, "upstreamModel"> & {
    clientWantsUsage: boolean;
    /** Choices asked for (`n`); 1 when absent. */
    candidates?: number;
  },
): StreamTranslator {
  const created = Math.floor(Date.now() / 1000);
  const expected = Math.max(1, ctx.candidates ?? 1);
  let id: string | undefined;
  let model = ctx.upstreamModel;
  let done = false;
  let lastUsage: GeminiUsageMetadata | undefined;
  let text = "";
  const toolCalls: OpenAIToolCallOut[] = [];
  /** Per choice index: whether the role went out, calls sent, and how it finished. */
  const choices = new Map<number, { sentRole: boolean; calls: number; finished: boolean }>();

  const chunk = (
    index: number,
    delta: Record<string, unknown>,
    finish: OpenAIFinishReason | null,
  ) =>
    JSON.stringify({
      id,
      object: "chat.completion.chunk",
      created,
      model,
      choices: [{ index, delta, logprobs: null, finish_reason: finish }],
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

      const candidates = response.candidates ?? [];
      const failed = candidates.find(
        (c) => c.finishReason && GEMINI_FAILURE_FINISH_REASONS.has(c.finishReason),
      );
      if (failed?.finishReason) {
        const error = { body: geminiFinishFailure(failed.finishReason) };
        return tally ? { out: [], error, usage: tally } : { out: [], error };
      }
      const out: string[] = [];
      for (const [i, candidate] of candidates.entries()) {
        const index = candidate.index ?? i;
        const state = choices.get(index) ?? { sentRole: false, calls: 0, finished: false };
        choices.set(index, state);
        if (state.finished) continue;
        // Tool call ids stay unique across choices: each choice numbers its calls apart.
        const piece = readParts(
          candidate.content?.parts,
          response.responseId,
          index * 1_000 + state.calls,
        );
        const delta: Record<string, unknown> = {};
        if (!state.sentRole) {
          // OpenAI streams open with the role; clients key the message off it.
          Object.assign(delta, { role: "assistant", content: "" });
          state.sentRole = true;
        }
        if (piece.text) {
          delta.content = piece.text;
          text += piece.text;
        }
        if (piece.toolCalls.length > 0) {
          delta.tool_calls = piece.toolCalls.map((call) => ({ index: state.calls++, ...call }));
          toolCalls.push(...piece.toolCalls);
        }
        if (Object.keys(delta).length > 0) out.push(chunk(index, delta, null));
        if (candidate.finishReason) {
          state.finished = true;
          out.push(
            chunk(index, {}, mapGeminiFinishReason(candidate.finishReason, state.calls > 0)),
          );
        }
      }
      if (candidates.length === 0 && response.promptFeedback?.blockReason) {
        for (let index = 0; index < expected; index++) {
          if (choices.get(index)?.finished) continue;
          if (!choices.get(index)?.sentRole)
            out.push(chunk(index, { role: "assistant", content: "" }, null));
          choices.set(index, { sentRole: true, calls: 0, finished: true });
          out.push(chunk(index, {}, "content_filter"));
        }
      }
      const finishedAll =
        choices.size >= expected && [...choices.values()].every((c) => c.finished);
      if (!finishedAll) return tally ? { out, usage: tally } : { out };

      done = true;
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
