import { describe, expect, it } from "vitest";
import type { ChatCompletionRequest } from "@/lib/gateway/chat-request";
import { contentOf, finishReasonsOf, fixture, fixtureJson, replay } from "../test-support";
import { openAICompatibleAdapter } from "./adapter";
import { readOpenAIUsage } from "./usage";

const request: ChatCompletionRequest = {
  model: "openai/gpt-4o-mini",
  messages: [{ role: "user", content: "Hi" }],
};
const ctx = (stream: boolean, req: Partial<ChatCompletionRequest> = {}) => ({
  baseUrl: "https://api.openai.com/v1/",
  apiKey: "sk-test",
  upstreamModel: "gpt-4o-mini",
  request: { ...request, ...req },
  stream,
});
const translator = (clientWantsUsage = false) =>
  openAICompatibleAdapter.createStreamTranslator({ ...ctx(true), clientWantsUsage });

describe("OpenAI-compatible request", () => {
  it("swaps in the upstream model and always asks for usage on a stream", () => {
    const call = openAICompatibleAdapter.buildCall(
      ctx(true, { stream: true, stream_options: { include_usage: false } }),
    );
    expect(call.url).toBe("https://api.openai.com/v1/chat/completions");
    expect(call.headers.authorization).toBe("Bearer sk-test");
    expect(JSON.parse(call.body)).toMatchObject({
      model: "gpt-4o-mini",
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it("drops stream fields from a JSON call", () => {
    const body = JSON.parse(
      openAICompatibleAdapter.buildCall(
        ctx(false, { stream: false, stream_options: { include_usage: true } }),
      ).body,
    ) as Record<string, unknown>;
    expect(body).not.toHaveProperty("stream");
    expect(body).not.toHaveProperty("stream_options");
  });
});

describe("OpenAI-compatible JSON answers", () => {
  it("passes an answer that needs no change through as the very same object", () => {
    const json = fixtureJson("openai-text.json");
    const parsed = openAICompatibleAdapter.parseResponse(json, ctx(false));
    expect(parsed.completion).toBe(json);
    expect(parsed.text).toBe("Hello! How can I help you today?");
    expect(parsed.usage).toEqual({ promptTokens: 19, completionTokens: 10, cachedTokens: 0 });
  });

  it("reads cached prompt tokens in OpenAI's and DeepSeek's spelling", () => {
    expect(
      openAICompatibleAdapter.parseResponse(fixtureJson("openai-cached-usage.json"), ctx(false))
        .usage,
    ).toEqual({ promptTokens: 2006, completionTokens: 8, cachedTokens: 1920 });
    expect(
      openAICompatibleAdapter.parseResponse(fixtureJson("deepseek-cached-usage.json"), ctx(false))
        .usage,
    ).toEqual({ promptTokens: 2006, completionTokens: 8, cachedTokens: 1920 });
    // A figure that is not a whole non-negative number is kept as impossible (NaN) with
    // the raw field, for the meter to replace and log; no usage at all is null.
    expect(readOpenAIUsage({ prompt_tokens: "x" })).toMatchObject({
      promptTokens: Number.NaN,
      raw: { prompt_tokens: "x" },
    });
    expect(readOpenAIUsage(null)).toBeNull();
  });

  it("returns tool calls with arguments a client can parse, and counts them for metering", () => {
    const parsed = openAICompatibleAdapter.parseResponse(
      fixtureJson("openai-parallel-tools.json"),
      ctx(false),
    );
    const calls = (
      parsed.completion.choices as {
        message: { tool_calls: { function: { arguments: string } }[] };
      }[]
    )[0]!.message.tool_calls;
    expect(calls.map((c) => JSON.parse(c.function.arguments) as unknown)).toEqual([
      { location: "Paris" },
      { location: "Tokyo" },
    ]);
    expect(parsed.text).toContain("get_weather");
  });

  it("sends empty tool arguments as {} and maps a finish reason OpenAI never sends", () => {
    const json = {
      id: "x",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: null,
            tool_calls: [
              { id: "call_1", type: "function", function: { name: "now", arguments: "" } },
            ],
          },
          finish_reason: "tool_use",
        },
      ],
    };
    const out = openAICompatibleAdapter.parseResponse(json, ctx(false)).completion as {
      choices: {
        message: { tool_calls: { function: { arguments: string } }[] };
        finish_reason: string;
      }[];
    };
    expect(out.choices[0]!.message.tool_calls[0]!.function.arguments).toBe("{}");
    expect(out.choices[0]!.finish_reason).toBe("tool_calls");
  });

  it("treats failure markers inside a 200 body as errors: a per-choice error, a top-level error", () => {
    expect(
      openAICompatibleAdapter.parseResponse(fixtureJson("openrouter-choice-error.json"), ctx(false))
        .error?.body,
    ).toEqual({
      error: {
        code: 503,
        message: "Upstream model is temporarily unavailable",
        metadata: { provider_name: "Together" },
      },
    });
    expect(
      openAICompatibleAdapter.parseResponse(fixtureJson("openrouter-error-200.json"), ctx(false))
        .error?.body,
    ).toMatchObject({ error: { code: 429 } });
  });
});

describe("OpenAI-compatible streams", () => {
  it("relays plain chunks byte for byte and ends on [DONE]", () => {
    const t = translator();
    const r = replay(fixture("openai-text.chunks.txt"), t);
    expect(r.done).toBe(true);
    expect(contentOf(r.chunks)).toBe("Hello! How can I help you today?");
    const plain = r.steps.find((s) => s.out[0]?.includes('"content":"! How"'));
    expect(plain?.out[0]).toBe(
      fixture("openai-text.chunks.txt").split("\n\n")[2]!.slice("data: ".length),
    );
    expect(t.completionText()).toBe("Hello! How can I help you today?");
  });

  it("keeps usage, hides the usage-only chunk unless the client asked, and shows it when asked", () => {
    const hidden = replay(fixture("openai-cached-usage.chunks.txt"), translator(false));
    expect(hidden.usage).toEqual({ promptTokens: 2006, completionTokens: 8, cachedTokens: 1920 });
    expect(hidden.chunks.some((c) => "usage" in c && c.usage !== null)).toBe(false);
    const shown = replay(fixture("openai-cached-usage.chunks.txt"), translator(true));
    expect(shown.chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens_details: { cached_tokens: 1920 } },
    });
    expect(replay(fixture("deepseek-cached-usage.chunks.txt"), translator()).usage).toEqual({
      promptTokens: 2006,
      completionTokens: 8,
      cachedTokens: 1920,
    });
  });

  it("reads Groq's usage from x_groq and maps Together's eos to stop", () => {
    expect(replay(fixture("groq-x-groq-usage.chunks.txt"), translator()).usage).toEqual({
      promptTokens: 36,
      completionTokens: 4,
      cachedTokens: 0,
    });
    const together = replay(fixture("together-eos.chunks.txt"), translator());
    expect(finishReasonsOf(together.chunks)).toEqual(["stop"]);
    expect(together.usage).toEqual({ promptTokens: 41, completionTokens: 3, cachedTokens: 0 });
  });

  it("gives a tool call whose arguments never arrived {} before its choice finishes", () => {
    const r = replay(fixture("openai-tool-no-args.chunks.txt"), translator());
    const args = r.chunks
      .flatMap(
        (c) =>
          (c.choices as { delta: { tool_calls?: { function?: { arguments?: string } }[] } }[])[0]
            ?.delta.tool_calls ?? [],
      )
      .map((d) => d.function?.arguments ?? "");
    expect(args.join("")).toBe("{}");
    expect(finishReasonsOf(r.chunks)).toEqual(["tool_calls"]);
  });

  it("ends with an error, not content, when a chunk carries OpenRouter's mid-stream error", () => {
    const r = replay(fixture("openrouter-mid-stream-error.chunks.txt"), translator());
    expect(contentOf(r.chunks)).toBe("The capital of France");
    expect(r.error).toEqual({
      error: { code: 502, message: "Provider disconnected unexpectedly" },
    });
    expect(finishReasonsOf(r.chunks)).toEqual([]);
  });

  it("treats DeepSeek's insufficient_system_resource as a failure, keeping its usage", () => {
    const r = replay(fixture("deepseek-insufficient-resource.chunks.txt"), translator());
    expect(r.error).toMatchObject({ error: { code: "insufficient_system_resource" } });
    expect(r.usage).toEqual({ promptTokens: 9, completionTokens: 3, cachedTokens: 0 });
  });

  it("never claims done for a stream that stops without [DONE]", () => {
    const r = replay(fixture("deepseek-truncated.chunks.txt"), translator());
    expect(r.done).toBe(false);
    expect(r.error).toBeUndefined();
    expect(contentOf(r.chunks)).toBe("The three laws of thermodynamics are");
  });
});

describe("OpenAI-compatible provider rules", () => {
  it("never sends stream_options to Mistral, which reports usage unasked and refuses unknown fields", () => {
    for (const req of [{}, { stream_options: { include_usage: true } }]) {
      const body = JSON.parse(
        openAICompatibleAdapter.buildCall({
          ...ctx(true, { stream: true, ...req }),
          providerId: "mistral",
        }).body,
      ) as Record<string, unknown>;
      expect(body.stream).toBe(true);
      expect(body).not.toHaveProperty("stream_options");
    }
  });

  it("reads Mistral's usage from its final chunk, asked or not", async () => {
    const t = openAICompatibleAdapter.createStreamTranslator({
      ...ctx(true),
      providerId: "mistral",
      clientWantsUsage: false,
    });
    const final = JSON.stringify({
      id: "x",
      object: "chat.completion.chunk",
      model: "mistral-small-latest",
      choices: [{ index: 0, delta: { content: "" }, finish_reason: "stop" }],
      usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
    });
    const step = t.onEvent({ data: final });
    expect(step.usage).toMatchObject({ promptTokens: 5, completionTokens: 7 });
  });
});
