import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/errors";
import type { ChatCompletionRequest } from "@/lib/gateway/chat-request";
import { anthropicAdapter } from "./adapter";
import { DEFAULT_MAX_TOKENS, toAnthropicRequest } from "./request";

const req = (over: Partial<ChatCompletionRequest>): ChatCompletionRequest => ({
  model: "anthropic/claude-sonnet-4",
  messages: [{ role: "user", content: "Hi" }],
  ...over,
});
const model = "claude-sonnet-4-20250514";
const body = (over: Partial<ChatCompletionRequest>, stream = false) =>
  toAnthropicRequest(req(over), model, stream);

const weatherTool = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Weather for a city",
    parameters: {
      type: "object",
      properties: { location: { type: "string" } },
      required: ["location"],
    },
  },
};

describe("Anthropic buildCall", () => {
  it("targets /v1/messages with x-api-key and anthropic-version", () => {
    const call = anthropicAdapter.buildCall({
      baseUrl: "https://api.anthropic.com/",
      apiKey: "sk-ant-k",
      upstreamModel: model,
      request: req({}),
      stream: true,
    });
    expect(call.url).toBe("https://api.anthropic.com/v1/messages");
    expect(call.headers).toMatchObject({
      "x-api-key": "sk-ant-k",
      "anthropic-version": "2023-06-01",
      "content-type": "application/json",
    });
    expect(JSON.parse(call.body)).toEqual({
      model,
      max_tokens: DEFAULT_MAX_TOKENS,
      messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
      stream: true,
    });
  });
});

describe("Anthropic request translation", () => {
  it("moves system and developer messages to system and merges consecutive roles", () => {
    const b = body({
      messages: [
        { role: "system", content: "Be brief." },
        { role: "developer", content: [{ type: "text", text: "Answer in English." }] },
        { role: "user", content: "Hello" },
        { role: "user", content: "Are you there?" },
        { role: "assistant", content: "Yes." },
        { role: "assistant", content: "Ask away." },
        { role: "user", content: "" },
      ],
    });
    expect(b.system).toBe("Be brief.\n\nAnswer in English.");
    expect(b.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "Hello" },
          { type: "text", text: "Are you there?" },
        ],
      },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Yes." },
          { type: "text", text: "Ask away." },
        ],
      },
    ]);
  });

  it("turns image_url parts into base64 and url image blocks", () => {
    const b = body({
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "Compare" },
            { type: "image_url", image_url: { url: "data:image/jpeg;base64,/9j/4AAQ" } },
            { type: "image_url", image_url: { url: "https://example.com/b.png" } },
          ],
        },
      ],
    });
    expect(b.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "Compare" },
          { type: "image", source: { type: "base64", media_type: "image/jpeg", data: "/9j/4AAQ" } },
          { type: "image", source: { type: "url", url: "https://example.com/b.png" } },
        ],
      },
    ]);
  });

  it("replays tool calls as tool_use blocks and results as tool_result blocks ahead of user text", () => {
    const b = body({
      messages: [
        { role: "user", content: "Weather in Paris and Tokyo?" },
        {
          role: "assistant",
          content: "Checking both.",
          tool_calls: [
            {
              id: "toolu_1",
              type: "function",
              function: { name: "get_weather", arguments: '{"location":"Paris"}' },
            },
            {
              id: "toolu_2",
              type: "function",
              function: { name: "get_weather", arguments: '{"location":"Tokyo"}' },
            },
          ],
        },
        { role: "tool", tool_call_id: "toolu_1", content: "18C" },
        { role: "tool", tool_call_id: "toolu_2", content: [{ type: "text", text: "25C" }] },
        { role: "user", content: "Which is warmer?" },
      ],
    });
    expect(b.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "Weather in Paris and Tokyo?" }] },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Checking both." },
          { type: "tool_use", id: "toolu_1", name: "get_weather", input: { location: "Paris" } },
          { type: "tool_use", id: "toolu_2", name: "get_weather", input: { location: "Tokyo" } },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "toolu_1", content: "18C" },
          { type: "tool_result", tool_use_id: "toolu_2", content: "25C" },
          { type: "text", text: "Which is warmer?" },
        ],
      },
    ]);
  });

  it("maps tools to name, description and input_schema", () => {
    const b = body({ tools: [weatherTool, { type: "function", function: { name: "now" } }] });
    expect(b.tools).toEqual([
      {
        name: "get_weather",
        description: "Weather for a city",
        input_schema: weatherTool.function.parameters,
      },
      { name: "now", input_schema: { type: "object", properties: {} } },
    ]);
    expect(b.tool_choice).toBeUndefined();
  });

  it.each([
    ["auto", undefined, { type: "auto" }],
    ["none", undefined, { type: "none" }],
    ["required", undefined, { type: "any" }],
    [
      { type: "function", function: { name: "get_weather" } },
      undefined,
      { type: "tool", name: "get_weather" },
    ],
    ["required", false, { type: "any", disable_parallel_tool_use: true }],
    [undefined, false, { type: "auto", disable_parallel_tool_use: true }],
  ])("maps tool_choice %j (parallel_tool_calls %j) to %j", (toolChoice, parallel, expected) => {
    expect(
      body({ tools: [weatherTool], tool_choice: toolChoice, parallel_tool_calls: parallel })
        .tool_choice,
    ).toEqual(expected);
  });

  it.each([
    [{}, { max_tokens: DEFAULT_MAX_TOKENS }],
    [
      { max_tokens: 300, temperature: 0.2, top_p: 0.9 },
      { max_tokens: 300, temperature: 0.2, top_p: 0.9 },
    ],
    [{ max_tokens: 300, max_completion_tokens: 200 }, { max_tokens: 200 }],
    [{ temperature: 1.7 }, { temperature: 1 }],
    [{ stop: "END" }, { stop_sequences: ["END"] }],
    [
      { stop: ["a", "b"], user: "u-42" },
      { stop_sequences: ["a", "b"], metadata: { user_id: "u-42" } },
    ],
  ])("maps %j to %j", (over, expected) => {
    expect(body(over)).toMatchObject(expected);
  });

  it("answers 400 naming stop for a whitespace-only stop sequence, which Anthropic refuses", () => {
    for (const stop of ["\n", ["END", " \t"], [""]]) {
      let thrown: unknown;
      try {
        body({ stop });
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(ApiError);
      expect((thrown as ApiError).status).toBe(400);
      expect((thrown as ApiError).param).toBe("stop");
    }
  });

  it("rejects the legacy function role and malformed tool arguments", () => {
    expect(() => body({ messages: [{ role: "function", name: "f", content: "x" }] })).toThrow(
      ApiError,
    );
    const messages = [
      {
        role: "assistant" as const,
        tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: "[1]" } }],
      },
    ];
    expect(() => body({ messages })).toThrow(/arguments/);
  });
});
