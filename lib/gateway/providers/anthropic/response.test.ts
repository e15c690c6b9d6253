import { describe, expect, it } from "vitest";
import { mapAnthropicStopReason } from "./finish-reason";
import { fixtureJson } from "../test-support";
import { parseAnthropicResponse } from "./response";
import { readAnthropicUsage } from "./usage";

const ctx = { upstreamModel: "claude-sonnet-4-20250514" };

describe("Anthropic response translation", () => {
  it("turns text blocks into content, with cache reads and writes in the prompt tokens", () => {
    const { completion, usage, text } = parseAnthropicResponse(
      fixtureJson("anthropic-text-cache-write.json"),
      ctx,
    );
    expect(completion).toMatchObject({
      id: "chatcmpl-msg_013Zva2CMHLNnXjNJJKqJ2EF",
      object: "chat.completion",
      model: "claude-sonnet-4-20250514",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: "Hi! My name is Claude." },
          finish_reason: "stop",
        },
      ],
      usage: {
        prompt_tokens: 10 + 1500 + 2048,
        completion_tokens: 12,
        total_tokens: 3570,
        prompt_tokens_details: { cached_tokens: 2048 },
      },
    });
    expect(usage).toEqual({
      promptTokens: 3558,
      completionTokens: 12,
      cachedTokens: 2048,
      cacheWriteTokens: 1500,
    });
    expect(text).toBe("Hi! My name is Claude.");
  });

  it("turns tool_use blocks into tool_calls and leaves thinking out", () => {
    const { completion, text } = parseAnthropicResponse(
      fixtureJson("anthropic-thinking-tool-call.json"),
      ctx,
    );
    expect(completion.choices).toEqual([
      {
        index: 0,
        message: {
          role: "assistant",
          content: "I'll check the current weather in San Francisco for you.",
          refusal: null,
          tool_calls: [
            {
              id: "toolu_01A09q90qw90lq917835lq9",
              type: "function",
              function: {
                name: "get_weather",
                arguments: '{"location":"San Francisco, CA","unit":"celsius"}',
              },
            },
          ],
        },
        logprobs: null,
        finish_reason: "tool_calls",
      },
    ]);
    expect(text).toContain("get_weather");
  });

  it.each([
    ["anthropic-max-tokens.json", "length"],
    ["anthropic-refusal-empty.json", "content_filter"],
  ])("%s finishes with %s", (name, finish) => {
    const { completion } = parseAnthropicResponse(fixtureJson(name), ctx);
    expect((completion.choices as { finish_reason: string }[])[0]!.finish_reason).toBe(finish);
  });
});

describe("mapAnthropicStopReason", () => {
  it.each([
    ["end_turn", "stop"],
    ["stop_sequence", "stop"],
    ["max_tokens", "length"],
    ["tool_use", "tool_calls"],
    ["refusal", "content_filter"],
    ["pause_turn", "stop"],
    ["model_context_window_exceeded", "length"],
    ["something_new", "stop"],
    [null, "stop"],
  ])("%s -> %s", (reason, expected) => {
    expect(mapAnthropicStopReason(reason)).toBe(expected);
  });
});

describe("readAnthropicUsage", () => {
  it("is null without counts", () => {
    expect(readAnthropicUsage(undefined)).toBeNull();
    expect(readAnthropicUsage({})).toBeNull();
  });
});
