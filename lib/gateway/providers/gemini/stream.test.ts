import { describe, expect, it } from "vitest";
import { contentOf, finishReasonsOf, fixture, replay } from "../test-support";
import { createGeminiStreamTranslator } from "./stream";

const translator = (clientWantsUsage = false) =>
  createGeminiStreamTranslator({ upstreamModel: "gemini-2.0-flash", clientWantsUsage });

describe("Gemini stream translation", () => {
  it("replays a text stream: role first, content deltas, finish, and the last usage (not a sum)", () => {
    const t = translator();
    const r = replay(fixture("gemini-text.chunks.txt"), t);
    expect(r.done).toBe(true);
    expect(r.error).toBeUndefined();
    expect(r.chunks[0]).toMatchObject({
      id: "chatcmpl-Xa0zaOmJNfOtnvgPmpDo-AY",
      object: "chat.completion.chunk",
      model: "gemini-2.5-flash",
      choices: [
        {
          index: 0,
          delta: { role: "assistant", content: "Hello! The quick brown fox" },
          finish_reason: null,
        },
      ],
    });
    expect(
      r.chunks.slice(1).every((c) => !("role" in (c.choices as { delta: object }[])[0]!.delta)),
    ).toBe(true);
    expect(contentOf(r.chunks)).toBe(
      "Hello! The quick brown fox jumps over the lazy dog. How can I help?",
    );
    expect(finishReasonsOf(r.chunks)).toEqual(["stop"]);
    expect(r.usage).toEqual({ promptTokens: 11, completionTokens: 17 + 123, cachedTokens: 0 });
    // Each report is a running tally: the last one is the total, never a sum of them.
    expect(r.steps.filter((s) => s.usage).at(-1)?.usage).toEqual(r.usage);
    expect(new Set(r.chunks.map((c) => c.id)).size).toBe(1);
    expect(t.completionText()).toBe(
      "Hello! The quick brown fox jumps over the lazy dog. How can I help?",
    );
  });

  it("adds an OpenAI usage chunk when the client asked for usage", () => {
    const r = replay(fixture("gemini-text.chunks.txt"), translator(true));
    const last = r.chunks[r.chunks.length - 1]!;
    expect(last).toMatchObject({
      choices: [],
      usage: {
        prompt_tokens: 11,
        completion_tokens: 140,
        total_tokens: 151,
        completion_tokens_details: { reasoning_tokens: 123 },
      },
    });
  });

  it("replays parallel function calls as indexed tool_call deltas finished by tool_calls", () => {
    const t = translator();
    const r = replay(fixture("gemini-tool-call.chunks.txt"), t);
    expect(r.done).toBe(true);
    const delta = (r.chunks[0]!.choices as { delta: { tool_calls: unknown[] } }[])[0]!.delta;
    expect(delta.tool_calls).toEqual([
      {
        index: 0,
        id: expect.stringMatching(/^call_/),
        type: "function",
        function: { name: "get_weather", arguments: '{"location":"Boston, MA","unit":"celsius"}' },
        extra_content: { google: { thought_signature: "CiQB0e2Kb7Qx+sig1" } },
      },
      {
        index: 1,
        id: expect.stringMatching(/^call_/),
        type: "function",
        function: {
          name: "get_weather",
          arguments: '{"location":"Paris, France","unit":"celsius"}',
        },
      },
    ]);
    expect(finishReasonsOf(r.chunks)).toEqual(["tool_calls"]);
    expect(r.usage).toEqual({ promptTokens: 58, completionTokens: 30 + 73, cachedTokens: 0 });
    expect(t.completionText()).toContain("get_weather");
  });

  it("ends a stream stopped for safety with content_filter after the partial text", () => {
    const r = replay(fixture("gemini-safety.chunks.txt"), translator());
    expect(r.done).toBe(true);
    expect(contentOf(r.chunks)).toBe("Here is how you");
    expect(finishReasonsOf(r.chunks)).toEqual(["content_filter"]);
    expect(r.usage).toEqual({ promptTokens: 14, completionTokens: 4, cachedTokens: 0 });
  });

  it("ends a blocked prompt at once: role chunk, content_filter, prompt usage", () => {
    const r = replay(fixture("gemini-prompt-blocked.chunks.txt"), translator());
    expect(r.done).toBe(true);
    expect(r.chunks).toHaveLength(2);
    expect((r.chunks[0]!.choices as { delta: unknown }[])[0]!.delta).toEqual({
      role: "assistant",
      content: "",
    });
    expect(finishReasonsOf(r.chunks)).toEqual(["content_filter"]);
    expect(r.usage).toEqual({ promptTokens: 21, completionTokens: 0, cachedTokens: 0 });
  });

  it("reports an error payload mid-stream as an error, after relaying what came before", () => {
    const r = replay(fixture("gemini-error.chunks.txt"), translator());
    expect(contentOf(r.chunks)).toBe("Once upon a time");
    expect(r.done).toBe(false);
    expect(r.error).toEqual({
      error: {
        code: 503,
        message: "The model is overloaded. Please try again later.",
        status: "UNAVAILABLE",
      },
    });
  });

  it("reports an error as the very first event, so the core can fail over", () => {
    const step = translator().onEvent({
      data: '{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":"quota"}}',
    });
    expect(step.out).toEqual([]);
    expect(step.error?.body).toMatchObject({ error: { status: "RESOURCE_EXHAUSTED" } });
  });

  it("never claims done when the body ends without a finishReason, and keeps the tally it saw", () => {
    const firstChunkOnly = fixture("gemini-text.chunks.txt").split("\r\n\r\n")[0]! + "\r\n\r\n";
    const r = replay(firstChunkOnly, translator());
    expect(r.done).toBe(false);
    expect(r.usage).toEqual({ promptTokens: 11, completionTokens: 6 + 123, cachedTokens: 0 });
    expect(contentOf(r.chunks)).toBe("Hello! The quick brown fox");
  });

  it("treats a payload that is not JSON as an upstream error", () => {
    expect(translator().onEvent({ data: "<html>502</html>" }).error).toEqual({
      body: "<html>502</html>",
    });
  });

  it("replays a stream recorded from the project's simulator", () => {
    const r = replay(fixture("gemini-simulator-tool-call.chunks.txt"), translator());
    expect(r.done).toBe(true);
    expect(finishReasonsOf(r.chunks)).toEqual(["tool_calls"]);
    expect(
      (r.chunks[0]!.choices as { delta: { tool_calls: unknown[] } }[])[0]!.delta.tool_calls,
    ).toEqual([
      {
        index: 0,
        id: expect.stringMatching(/^call_/),
        type: "function",
        function: { name: "get_weather", arguments: '{"location":"simulated"}' },
      },
    ]);
    expect(r.usage).toEqual({ promptTokens: 8, completionTokens: 2, cachedTokens: 0 });
  });

  it("keeps candidates apart by index and ends when every candidate asked for has finished", () => {
    const t = createGeminiStreamTranslator({
      upstreamModel: "gemini-2.0-flash",
      clientWantsUsage: false,
      candidates: 2,
    });
    const event = (candidates: object[]) => ({
      data: JSON.stringify({ responseId: "r1", candidates }),
    });
    const part = (text: string) => ({ content: { role: "model", parts: [{ text }] } });
    const first = t.onEvent(
      event([
        { ...part("A1 "), index: 0 },
        { ...part("B1 "), index: 1 },
      ]),
    );
    const second = t.onEvent(event([{ ...part("A2"), index: 0, finishReason: "STOP" }]));
    expect(second.done).toBeFalsy();
    const third = t.onEvent(event([{ ...part("B2"), index: 1, finishReason: "MAX_TOKENS" }]));
    expect(third.done).toBe(true);
    const chunks = [...first.out, ...second.out, ...third.out].map(
      (c) => JSON.parse(c) as { choices: { index: number; delta: { content?: string } }[] },
    );
    const textOf = (i: number) =>
      chunks
        .flatMap((c) => c.choices)
        .filter((c) => c.index === i)
        .map((c) => c.delta.content ?? "")
        .join("");
    expect([textOf(0), textOf(1)]).toEqual(["A1 A2", "B1 B2"]);
    expect(finishReasonsOf(chunks as never)).toEqual(["stop", "length"]);
  });
});
