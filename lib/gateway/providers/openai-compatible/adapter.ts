import type { AdapterContext, ProviderAdapter, StreamStep, StreamTranslator } from "@/lib/gateway/providers/types";
import { readOpenAIUsage } from "./usage";

/**
 * OpenAI, DeepSeek, OpenRouter, Groq, Mistral, Together, xAI: the request is passed
 * through with the upstream model name swapped in, and usage is always asked for on
 * streams so that every request can be metered.
 */
function buildCall(ctx: AdapterContext) {
  const body: Record<string, unknown> = { ...ctx.request, model: ctx.upstreamModel };
  if (ctx.stream) {
    body.stream = true;
    body.stream_options = { ...(ctx.request.stream_options ?? {}), include_usage: true };
  } else {
    delete body.stream;
    delete body.stream_options;
  }
  return {
    url: `${ctx.baseUrl.replace(/\/+$/, "")}/chat/completions`,
    headers: {
      authorization: `Bearer ${ctx.apiKey}`,
      "content-type": "application/json",
      accept: ctx.stream ? "text/event-stream" : "application/json",
    },
    body: JSON.stringify(body),
  };
}

function parseResponse(json: unknown) {
  const completion = (json && typeof json === "object" ? json : {}) as Record<string, unknown>;
  const usage = readOpenAIUsage(completion.usage);
  const choices = Array.isArray(completion.choices) ? completion.choices : [];
  let text = "";
  for (const c of choices) {
    const content = (c as { message?: { content?: unknown } }).message?.content;
    if (typeof content === "string") text += content;
  }
  return { completion, usage, text };
}

/**
 * Chunks go out byte-for-byte as the upstream wrote them; only chunks that can carry
 * usage or an error are parsed, which keeps the relay cheap. Raw chunks are kept so
 * that tokens can still be counted if the upstream never reports usage.
 */
function createStreamTranslator(ctx: { clientWantsUsage: boolean }): StreamTranslator {
  const seen: string[] = [];
  return {
    onEvent({ data }): StreamStep {
      if (data === "[DONE]") return { out: [], done: true };
      seen.push(data);
      const mayCarryUsage = data.includes('"usage":{') || data.includes('"usage": {');
      const mayCarryError = data.includes('"error"');
      if (!mayCarryUsage && !mayCarryError) return { out: [data] };
      let chunk: Record<string, unknown>;
      try {
        chunk = JSON.parse(data) as Record<string, unknown>;
      } catch {
        return { out: [data] };
      }
      if (chunk.error && !chunk.choices) return { out: [], error: { body: chunk } };
      const usage = readOpenAIUsage(chunk.usage) ?? undefined;
      const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
      // The usage-only chunk (no choices) exists because we asked for it; a client that
      // did not ask must not see it.
      if (choices.length === 0 && !ctx.clientWantsUsage) return { out: [], usage };
      if (usage && !ctx.clientWantsUsage) {
        const { usage: _dropped, ...rest } = chunk;
        return { out: [JSON.stringify(rest)], usage };
      }
      return { out: [data], usage };
    },
    completionText() {
      let text = "";
      for (const data of seen) {
        try {
          const chunk = JSON.parse(data) as { choices?: { delta?: { content?: unknown } }[] };
          const content = chunk.choices?.[0]?.delta?.content;
          if (typeof content === "string") text += content;
        } catch {
          // A malformed chunk adds nothing to the count.
        }
      }
      return text;
    },
  };
}

export const openAICompatibleAdapter: ProviderAdapter = { buildCall, parseResponse, createStreamTranslator };
