import { describe, expect, it } from "vitest";
import { contentOf, finishReasonsOf, fixture, replay, type Replay } from "../test-support";
import { createAnthropicStreamTranslator } from "./stream";

const translator = (clientWantsUsage = false) =>
  createAnthropicStreamTranslator({ upstreamModel: "claude-sonnet-4-20250514", clientWantsUsage });

function toolCallDeltas(r: Replay) {
  return r.chunks.flatMap(
    (c) =>
      (c.choices as { delta: { tool_calls?: Record<string, unknown>[] } }[])[0]?.delta.tool_calls ??
      [],
  );
}

describe("Anthropic stream translation", () => {
  it("replays a text stream: role chunk, content deltas, finish, usage, done on message_stop", () => {
    const t = translator();
    const r = replay(fixture("anthropic-text.chunks.txt"), t);
    expect(r.done).toBe(true);
    expect(r.chunks[0]).toMatchObject({
      id: "chatcmpl-msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY",
      object: "chat.completion.chunk",
      model: "claude-sonnet-4-20250514",
      choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }],
    });
    expect(contentOf(r.chunks)).toBe("Hello! How can I help you today?");
    expect(finishReasonsOf(r.chunks)).toEqual(["stop"]);
    expect(r.usage).toEqual({ promptTokens: 25 + 2048, completionTokens: 15, cachedTokens: 2048 });
    // done comes from message_stop, after the finish chunk.
    expect(r.steps[r.steps.length - 1]).toEqual({ out: [], done: true });
    expect(t.completionText()).toBe("Hello! How can I help you today?");
  });

  it("adds an OpenAI usage chunk after the finish chunk when the client asked for usage", () => {
    const r = replay(fixture("anthropic-text.chunks.txt"), translator(true));
    expect(r.chunks[r.chunks.length - 1]).toMatchObject({
      choices: [],
      usage: {
        prompt_tokens: 2073,
        completion_tokens: 15,
        total_tokens: 2088,
        prompt_tokens_details: { cached_tokens: 2048 },
      },
    });
  });

  it("replays a tool call: text, then the call's id and name, then argument fragments", () => {
    const t = translator();
    const r = replay(fixture("anthropic-tool-call.chunks.txt"), t);
    expect(contentOf(r.chunks)).toBe("Okay, let me check the weather for San Francisco, CA:");
    const deltas = toolCallDeltas(r);
    expect(deltas[0]).toEqual({
      index: 0,
      id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6",
      type: "function",
      function: { name: "get_weather", arguments: "" },
    });
    expect(deltas.slice(1).every((d) => d.index === 0 && !("id" in d))).toBe(true);
    const args = deltas.map((d) => (d.function as { arguments: string }).arguments).join("");
    expect(JSON.parse(args)).toEqual({ location: "San Francisco, CA", unit: "fahrenheit" });
    expect(finishReasonsOf(r.chunks)).toEqual(["tool_calls"]);
    expect(r.usage).toEqual({ promptTokens: 472, completionTokens: 89, cachedTokens: 0 });
    expect(t.completionText()).toContain('get_weather {"location": "San Francisco, CA"');
  });

  it("skips thinking blocks and numbers parallel tool calls from 0", () => {
    const r = replay(fixture("anthropic-thinking-parallel-tools.chunks.txt"), translator());
    expect(contentOf(r.chunks)).toBe("");
    const deltas = toolCallDeltas(r);
    expect(deltas.filter((d) => "id" in d).map((d) => [d.index, d.id])).toEqual([
      [0, "toolu_01A"],
      [1, "toolu_01B"],
    ]);
    const argsOf = (i: number) =>
      deltas
        .filter((d) => d.index === i)
        .map((d) => (d.function as { arguments: string }).arguments)
        .join("");
    expect(JSON.parse(argsOf(0))).toEqual({ location: "Paris" });
    expect(JSON.parse(argsOf(1))).toEqual({ location: "Tokyo" });
    expect(r.usage).toEqual({
      promptTokens: 730,
      completionTokens: 120,
      cachedTokens: 0,
      cacheWriteTokens: 120,
    });
  });

  it("reports a refusal as content_filter after the partial text", () => {
    const r = replay(fixture("anthropic-refusal.chunks.txt"), translator());
    expect(contentOf(r.chunks)).toBe("I can help with general chemistry, but");
    expect(finishReasonsOf(r.chunks)).toEqual(["content_filter"]);
    expect(r.done).toBe(true);
  });

  it("reports an error event mid-stream as an error, after relaying what came before, keeping the usage seen", () => {
    const r = replay(fixture("anthropic-error.chunks.txt"), translator());
    expect(contentOf(r.chunks)).toBe("Once upon");
    expect(r.done).toBe(false);
    // message_start's counts: a cut stream is metered with what the provider reported.
    expect(r.usage).toEqual({ promptTokens: 12, completionTokens: 1, cachedTokens: 0 });
    expect(r.error).toEqual({
      type: "error",
      error: { type: "overloaded_error", message: "Overloaded" },
    });
  });

  it("reports an error as the first event with no output, so the core can fail over", () => {
    const step = translator().onEvent({
      event: "error",
      data: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
    });
    expect(step).toEqual({
      out: [],
      error: {
        body: { type: "error", error: { type: "overloaded_error", message: "Overloaded" } },
      },
    });
  });

  it("ignores event types it does not know", () => {
    expect(
      translator().onEvent({ event: "future_event", data: '{"type":"future_event","x":1}' }),
    ).toEqual({ out: [] });
  });

  it("treats a payload that is not JSON as an upstream error", () => {
    expect(translator().onEvent({ event: "message_delta", data: "<html>" }).error).toEqual({
      body: "<html>",
    });
  });

  it("replays a stream recorded from the project's simulator", () => {
    const r = replay(fixture("anthropic-simulator-text.chunks.txt"), translator());
    expect(r.done).toBe(true);
    expect(contentOf(r.chunks)).toBe(
      "Simulated reply from anthropic/claude-3-5-haiku-20241022. You said: Tell me a story about a",
    );
    expect(r.usage).toEqual({ promptTokens: 13, completionTokens: 12, cachedTokens: 0 });
  });
});
