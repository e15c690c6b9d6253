import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/errors";
import type { ChatCompletionRequest } from "@/lib/gateway/chat-request";
import { geminiAdapter } from "./adapter";
import { SKIP_THOUGHT_SIGNATURE } from "./contents";
import { toGeminiSchema } from "./json-schema";
import { toGeminiRequest } from "./request";

const req = (over: Partial<ChatCompletionRequest>): ChatCompletionRequest => ({
  model: "gemini/gemini-2.0-flash",
  messages: [{ role: "user", content: "Hi" }],
  ...over,
});

const weatherTool = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Weather for a city",
    parameters: {
      type: "object",
      properties: { location: { type: "string" } },
      required: ["location"],
      additionalProperties: false,
    },
  },
};

describe("Gemini buildCall", () => {
  const ctx = {
    baseUrl: "https://generativelanguage.googleapis.com/",
    apiKey: "AIza-k",
    upstreamModel: "gemini-2.0-flash",
    request: req({}),
  };

  it("targets generateContent with the key in x-goog-api-key", () => {
    const call = geminiAdapter.buildCall({ ...ctx, stream: false });
    expect(call.url).toBe(
      "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent",
    );
    expect(call.headers).toMatchObject({
      "x-goog-api-key": "AIza-k",
      "content-type": "application/json",
    });
    expect(call.url).not.toContain("AIza");
    expect(JSON.parse(call.body)).toEqual({
      contents: [{ role: "user", parts: [{ text: "Hi" }] }],
    });
  });

  it("targets streamGenerateContent with alt=sse when streaming", () => {
    const call = geminiAdapter.buildCall({
      ...ctx,
      upstreamModel: "models/gemini-2.5-flash",
      stream: true,
    });
    expect(call.url).toBe(
      "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
    );
  });
});

describe("Gemini request translation", () => {
  it("moves system and developer messages to systemInstruction and maps roles", () => {
    const body = toGeminiRequest(
      req({
        messages: [
          { role: "system", content: "Be brief." },
          { role: "developer", content: [{ type: "text", text: "Answer in English." }] },
          { role: "user", content: "Hello" },
          { role: "assistant", content: "Hi there" },
          { role: "user", content: "Again" },
          { role: "user", content: "and again" },
        ],
      }),
    );
    expect(body.systemInstruction).toEqual({
      parts: [{ text: "Be brief." }, { text: "Answer in English." }],
    });
    expect(body.contents).toEqual([
      { role: "user", parts: [{ text: "Hello" }] },
      { role: "model", parts: [{ text: "Hi there" }] },
      { role: "user", parts: [{ text: "Again" }, { text: "and again" }] },
    ]);
  });

  it("turns multi-part content into text, inlineData and fileData parts", () => {
    const body = toGeminiRequest(
      req({
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "What is this?" },
              { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
              {
                type: "image_url",
                image_url: { url: "https://example.com/cat.jpg", detail: "low" },
              },
              { type: "input_audio", input_audio: { data: "UklGRg==", format: "wav" } },
            ],
          },
        ],
      }),
    );
    expect(body.contents).toEqual([
      {
        role: "user",
        parts: [
          { text: "What is this?" },
          { inlineData: { mimeType: "image/png", data: "iVBORw0KGgo=" } },
          { fileData: { fileUri: "https://example.com/cat.jpg" } },
          { inlineData: { mimeType: "audio/wav", data: "UklGRg==" } },
        ],
      },
    ]);
  });

  it("replays tool calls as functionCall parts and tool results as functionResponse parts", () => {
    const body = toGeminiRequest(
      req({
        messages: [
          { role: "user", content: "Weather in Boston and Paris?" },
          {
            role: "assistant",
            content: null,
            tool_calls: [
              {
                id: "call_1",
                type: "function",
                function: { name: "get_weather", arguments: '{"location":"Boston"}' },
                extra_content: { google: { thought_signature: "sig-1" } },
              },
              {
                id: "call_2",
                type: "function",
                function: { name: "get_weather", arguments: '{"location":"Paris"}' },
              },
            ],
          },
          { role: "tool", tool_call_id: "call_1", content: '{"temp":20}' },
          { role: "tool", tool_call_id: "call_2", content: "sunny" },
        ],
      }),
    );
    expect(body.contents).toEqual([
      { role: "user", parts: [{ text: "Weather in Boston and Paris?" }] },
      {
        role: "model",
        parts: [
          {
            functionCall: { name: "get_weather", args: { location: "Boston" } },
            thoughtSignature: "sig-1",
          },
          { functionCall: { name: "get_weather", args: { location: "Paris" } } },
        ],
      },
      {
        role: "user",
        parts: [
          { functionResponse: { name: "get_weather", response: { temp: 20 } } },
          { functionResponse: { name: "get_weather", response: { output: "sunny" } } },
        ],
      },
    ]);
  });

  it("gives a replayed call without a signature the documented skip value", () => {
    const body = toGeminiRequest(
      req({
        messages: [
          { role: "user", content: "Weather?" },
          {
            role: "assistant",
            content: "Checking.",
            tool_calls: [
              { id: "c", type: "function", function: { name: "get_weather", arguments: "{}" } },
            ],
          },
          { role: "tool", tool_call_id: "c", content: "20C" },
        ],
      }),
    );
    expect((body.contents as { parts: unknown[] }[])[1]!.parts).toEqual([
      { text: "Checking." },
      { functionCall: { name: "get_weather", args: {} }, thoughtSignature: SKIP_THOUGHT_SIGNATURE },
    ]);
  });

  it.each([
    ["auto", { mode: "AUTO" }],
    ["none", { mode: "NONE" }],
    ["required", { mode: "ANY" }],
    [
      { type: "function", function: { name: "get_weather" } },
      { mode: "ANY", allowedFunctionNames: ["get_weather"] },
    ],
  ])("maps tool_choice %j to functionCallingConfig %j", (toolChoice, config) => {
    const body = toGeminiRequest(req({ tools: [weatherTool], tool_choice: toolChoice }));
    expect(body.tools).toEqual([
      {
        functionDeclarations: [
          {
            name: "get_weather",
            description: "Weather for a city",
            parameters: {
              type: "object",
              properties: { location: { type: "string" } },
              required: ["location"],
            },
          },
        ],
      },
    ]);
    expect(body.toolConfig).toEqual({ functionCallingConfig: config });
  });

  it.each([
    [
      { temperature: 0.3, top_p: 0.9, max_tokens: 100, stop: "END" },
      { temperature: 0.3, topP: 0.9, maxOutputTokens: 100, stopSequences: ["END"] },
    ],
    [
      { max_tokens: 100, max_completion_tokens: 50, stop: ["a", "b"], seed: 7 },
      { maxOutputTokens: 50, stopSequences: ["a", "b"], seed: 7 },
    ],
    [{ response_format: { type: "json_object" } }, { responseMimeType: "application/json" }],
    [
      {
        response_format: {
          type: "json_schema",
          json_schema: {
            name: "x",
            strict: true,
            schema: {
              type: "object",
              properties: { n: { type: ["integer", "null"] } },
              additionalProperties: false,
            },
          },
        },
      },
      {
        responseMimeType: "application/json",
        responseSchema: { type: "object", properties: { n: { type: "integer", nullable: true } } },
      },
    ],
    [{ response_format: { type: "text" } }, undefined],
  ])("maps %j to generationConfig %j", (over, config) => {
    expect(toGeminiRequest(req(over)).generationConfig).toEqual(config);
  });

  it("rejects a tool result that answers no known call", () => {
    expect(() =>
      toGeminiRequest(req({ messages: [{ role: "tool", tool_call_id: "nope", content: "x" }] })),
    ).toThrow(ApiError);
  });

  it("rejects tool call arguments that are not a JSON object", () => {
    const messages = [
      {
        role: "assistant" as const,
        tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: "{oops" } }],
      },
    ];
    expect(() => toGeminiRequest(req({ messages }))).toThrow(/arguments/);
  });
});

describe("toGeminiSchema", () => {
  it("inlines local refs, folds null branches and drops unknown keywords", () => {
    const schema = {
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      properties: {
        city: { $ref: "#/$defs/City" },
        mode: { const: "fast" },
        note: { anyOf: [{ type: "string" }, { type: "null" }] },
        tags: { type: "array", items: { type: "string", minLength: 1 } },
        extra: { type: "object", additionalProperties: true },
      },
      required: ["city"],
      $defs: { City: { type: "string", description: "A city" } },
    };
    expect(toGeminiSchema(schema)).toEqual({
      type: "object",
      properties: {
        city: { type: "string", description: "A city" },
        mode: { type: "string", enum: ["fast"] },
        note: { type: "string", nullable: true },
        tags: { type: "array", items: { type: "string", minLength: 1 } },
        extra: { type: "object" },
      },
      required: ["city"],
    });
  });

  it("leaves out an object schema with no properties", () => {
    expect(toGeminiSchema({ type: "object", properties: {} })).toBeUndefined();
    expect(toGeminiSchema(undefined)).toBeUndefined();
  });
});
