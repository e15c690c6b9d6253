import { describe, expect, it } from "vitest";
import { mapGeminiFinishReason } from "./finish-reason";
import { fixtureJson } from "../test-support";
import { parseGeminiResponse } from "./response";
import { readGeminiUsage } from "./usage";

const ctx = { upstreamModel: "gemini-2.0-flash" };

describe("Gemini response translation", () => {
  it("turns a text answer into a chat.completion with usage including thoughts and cache", () => {
    const { completion, usage, text } = parseGeminiResponse(
      fixtureJson("gemini-text-thinking.json"),
      ctx,
    );
    expect(completion).toMatchObject({
      id: "chatcmpl-PK0zaKHgHOmZnvgP3p3cuQ8",
      object: "chat.completion",
      model: "gemini-2.5-flash",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: "The capital of France is Paris." },
          finish_reason: "stop",
        },
      ],
      usage: {
        prompt_tokens: 2064,
        completion_tokens: 7 + 66,
        total_tokens: 2064 + 73,
        prompt_tokens_details: { cached_tokens: 1024 },
        completion_tokens_details: { reasoning_tokens: 66 },
      },
    });
    expect(usage).toEqual({ promptTokens: 2064, completionTokens: 73, cachedTokens: 1024 });
    expect(text).toBe("The capital of France is Paris.");
  });

  it("turns functionCall parts into tool_calls with generated ids and JSON arguments", () => {
    const { completion, text } = parseGeminiResponse(
      fixtureJson("gemini-tool-call-signature.json"),
      ctx,
    );
    const choice = (completion.choices as Record<string, unknown>[])[0]!;
    expect(choice.finish_reason).toBe("tool_calls");
    const message = choice.message as { content: unknown; tool_calls: Record<string, unknown>[] };
    expect(message.content).toBe("Let me check both cities.");
    expect(message.tool_calls).toEqual([
      {
        id: expect.stringMatching(/^call_/),
        type: "function",
        function: { name: "get_weather", arguments: '{"location":"Boston, MA"}' },
        extra_content: { google: { thought_signature: "CiQB0e2Kb7Qx+sig1" } },
      },
      {
        id: expect.stringMatching(/^call_/),
        type: "function",
        function: { name: "get_time", arguments: "{}" },
      },
    ]);
    expect(message.tool_calls[0]!.id).not.toBe(message.tool_calls[1]!.id);
    expect(text).toBe(
      'Let me check both cities. get_weather {"location":"Boston, MA"} get_time {}',
    );
  });

  it("answers a blocked prompt with empty content and content_filter", () => {
    const { completion, usage } = parseGeminiResponse(
      fixtureJson("gemini-prompt-blocked-other.json"),
      ctx,
    );
    expect(completion.choices).toEqual([
      {
        index: 0,
        message: { role: "assistant", content: "", refusal: null },
        logprobs: null,
        finish_reason: "content_filter",
      },
    ]);
    expect(usage).toEqual({ promptTokens: 15, completionTokens: 0, cachedTokens: 0 });
  });

  it("reports MAX_TOKENS as length", () => {
    const { completion } = parseGeminiResponse(fixtureJson("gemini-max-tokens.json"), ctx);
    expect((completion.choices as { finish_reason: string }[])[0]!.finish_reason).toBe("length");
  });

  it("survives a body with unexpected shapes", () => {
    const { completion, usage } = parseGeminiResponse({ candidates: "nope" }, ctx);
    expect(usage).toBeNull();
    expect(completion.model).toBe("gemini-2.0-flash");
  });
});

describe("mapGeminiFinishReason", () => {
  it.each([
    ["STOP", false, "stop"],
    ["STOP", true, "tool_calls"],
    ["MAX_TOKENS", false, "length"],
    ["SAFETY", false, "content_filter"],
    ["RECITATION", false, "content_filter"],
    ["BLOCKLIST", false, "content_filter"],
    ["PROHIBITED_CONTENT", false, "content_filter"],
    ["SPII", false, "content_filter"],
    ["MALFORMED_FUNCTION_CALL", false, "stop"],
    ["SOMETHING_NEW", false, "stop"],
  ])("%s (tool calls: %s) -> %s", (reason, hasToolCalls, expected) => {
    expect(mapGeminiFinishReason(reason, hasToolCalls)).toBe(expected);
  });
});

describe("readGeminiUsage", () => {
  it("is null without counts", () => {
    expect(readGeminiUsage(undefined)).toBeNull();
    expect(readGeminiUsage({ totalTokenCount: 3 })).toBeNull();
  });

  it("counts tool-use prompt tokens as input", () => {
    expect(
      readGeminiUsage({ promptTokenCount: 10, toolUsePromptTokenCount: 5, candidatesTokenCount: 2 })
        ?.usage,
    ).toEqual({
      promptTokens: 15,
      completionTokens: 2,
      cachedTokens: 0,
    });
  });
});
