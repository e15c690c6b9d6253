import type { StreamStep, StreamTranslator, TokenUsage } from "@/lib/gateway/providers/types";
import { isOpenAIFinishReason } from "../openai-finish-reason";
import { failureMarker } from "./failure-marker";
import { isPlainAnswer } from "./plain-answer";
import { toOpenAIFinishReason } from "./finish-reason";
import { OpenAIChatResponse, type OpenAIChoice } from "./schemas";
import { readOpenAIUsage } from "./usage";

/** Substrings that make a chunk worth parsing; plain content chunks skip JSON.parse. */
const WORTH_PARSING = ['"usage":{', '"usage": {', '"error"', '"tool_calls"'];
const FINISH_REASON = /"finish_reason":\s*"([^"]*)"/g;

/** True when every finish reason written in the chunk is OpenAI's (or there is none). */
function finishReasonsAreOpenAI(data: string): boolean {
  for (const match of data.matchAll(FINISH_REASON))
    if (!isOpenAIFinishReason(match[1])) return false;
  return true;
}

/**
 * OpenAI-style SSE (API reference, "The chat completion chunk object") relayed to the
 * client. Chunks go out byte-for-byte as the upstream wrote them unless one must
 * change: a failure marker ends the answer as an error, a finish reason OpenAI never
 * sends is mapped, a tool call whose arguments stayed empty gets `"{}"` before its
 * choice finishes, and the usage-only chunk we asked for is hidden from a client that
 * did not. `[DONE]` is the end marker: without it the stream never counts as complete.
 */
export function createOpenAICompatibleStreamTranslator(ctx: {
  clientWantsUsage: boolean;
}): StreamTranslator {
  const seen: string[] = [];
  /** choice index -> tool call index -> arguments length so far. */
  const argLengths = new Map<number, Map<number, number>>();

  function trackToolCalls(choice: OpenAIChoice) {
    const choiceIndex = choice.index ?? 0;
    for (const call of choice.delta?.tool_calls ?? []) {
      const calls = argLengths.get(choiceIndex) ?? new Map<number, number>();
      argLengths.set(choiceIndex, calls);
      const index = call.index ?? 0;
      calls.set(index, (calls.get(index) ?? 0) + (call.function?.arguments?.length ?? 0));
    }
  }

  /** `{}` for each tool call of a finishing choice whose arguments never arrived. */
  function emptyArgumentFixes(chunk: Record<string, unknown>, choiceIndex: number): string[] {
    const fixes: string[] = [];
    for (const [index, length] of argLengths.get(choiceIndex) ?? []) {
      if (length > 0) continue;
      const delta = { tool_calls: [{ index, function: { arguments: "{}" } }] };
      fixes.push(
        JSON.stringify({
          id: chunk.id,
          object: chunk.object,
          created: chunk.created,
          model: chunk.model,
          choices: [{ index: choiceIndex, delta, finish_reason: null }],
        }),
      );
    }
    argLengths.delete(choiceIndex);
    return fixes;
  }

  return {
    onEvent({ data }): StreamStep {
      if (data.trim() === "[DONE]") return { out: [], done: true };
      seen.push(data);
      // A finish chunk still owes "{}" to a tool call whose arguments never came.
      if (
        !WORTH_PARSING.some((s) => data.includes(s)) &&
        finishReasonsAreOpenAI(data) &&
        (argLengths.size === 0 || !data.includes('"finish_reason":'))
      ) {
        return { out: [data] };
      }
      let raw: Record<string, unknown>;
      try {
        raw = JSON.parse(data) as Record<string, unknown>;
      } catch {
        return { out: [data] };
      }
      // Most parsed chunks (the finish chunk, the usage chunk) need nothing changed; a
      // finish chunk still owes "{}" to a tool call whose arguments never came.
      if (argLengths.size === 0 && isPlainAnswer(raw, "delta")) {
        const usage =
          readOpenAIUsage(raw.usage) ??
          readOpenAIUsage((raw.x_groq as { usage?: unknown } | null | undefined)?.usage) ??
          undefined;
        if (!usage || ctx.clientWantsUsage) return usage ? { out: [data], usage } : { out: [data] };
        if (!Array.isArray(raw.choices) || raw.choices.length === 0) return { out: [], usage };
        const { usage: _hidden, ...rest } = raw;
        return { out: [JSON.stringify(rest)], usage };
      }
      const parsed = OpenAIChatResponse.safeParse(raw);
      if (!parsed.success) return { out: [data] };
      const chunk = parsed.data;
      const usage: TokenUsage | undefined =
        readOpenAIUsage(chunk.usage) ?? readOpenAIUsage(chunk.x_groq?.usage) ?? undefined;
      const marker = failureMarker(chunk);
      if (marker)
        return usage
          ? { out: [], error: { body: marker }, usage }
          : { out: [], error: { body: marker } };

      const choices = chunk.choices ?? [];
      // The usage-only chunk (no choices) exists because we asked for it; a client that
      // did not ask must not see it.
      if (choices.length === 0 && chunk.usage && !ctx.clientWantsUsage) return { out: [], usage };

      const out: string[] = [];
      const rawChoices = Array.isArray(raw.choices)
        ? (raw.choices as Record<string, unknown>[])
        : [];
      let rewritten = false;
      const nextChoices = choices.map((choice, i) => {
        trackToolCalls(choice);
        const reason = choice.finish_reason;
        if (!reason) return rawChoices[i];
        out.push(...emptyArgumentFixes(raw, choice.index ?? 0));
        const mapped = toOpenAIFinishReason(reason);
        if (mapped === reason) return rawChoices[i];
        rewritten = true;
        return { ...rawChoices[i], finish_reason: mapped };
      });
      let payload = data;
      if (rewritten || (chunk.usage && !ctx.clientWantsUsage)) {
        const next: Record<string, unknown> = { ...raw, choices: nextChoices };
        if (!ctx.clientWantsUsage) delete next.usage;
        payload = JSON.stringify(next);
      }
      out.push(payload);
      return usage ? { out, usage } : { out };
    },
    completionText() {
      // Counted only when the usage cannot be trusted (none came, or the stream was cut),
      // so the chunks are parsed here, once, never per chunk. Everything the provider
      // generated counts: content, reasoning (DeepSeek's `reasoning_content`, OpenRouter's
      // `reasoning`) and tool calls' names and arguments, in every choice.
      let text = "";
      for (const data of seen) {
        let chunk: { choices?: unknown };
        try {
          chunk = JSON.parse(data) as { choices?: unknown };
        } catch {
          continue; // A malformed chunk adds nothing to the count.
        }
        if (!Array.isArray(chunk.choices)) continue;
        for (const choice of chunk.choices as { delta?: Record<string, unknown> | null }[])
          text += deltaText(choice?.delta);
      }
      return text;
    },
  };
}

/** The generated text of one streamed delta, as the meter counts it. */
function deltaText(delta: Record<string, unknown> | null | undefined): string {
  if (!delta || typeof delta !== "object") return "";
  let text = "";
  for (const field of ["reasoning_content", "reasoning", "content"] as const) {
    const value = delta[field];
    if (typeof value === "string") text += value;
  }
  if (!Array.isArray(delta.tool_calls)) return text;
  for (const call of delta.tool_calls as { function?: { name?: unknown; arguments?: unknown } }[]) {
    const fn = call?.function;
    if (typeof fn?.name === "string") text += ` ${fn.name} `;
    if (typeof fn?.arguments === "string") text += fn.arguments;
  }
  return text;
}
