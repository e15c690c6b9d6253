import { describe, expect, it } from "vitest";
import { MessagesRequestSchema } from "./schema";
import { messagesToChatRequest } from "./to-chat-request";

const read = (body: unknown) => messagesToChatRequest(MessagesRequestSchema.parse(body));

describe("messagesToChatRequest", () => {
  it("maps system, tool_use and tool_result blocks, drops thinking and cache_control", () => {
    const chat = read({
      model: "deepseek/deepseek-chat",
      max_tokens: 100,
      system: [{ type: "text", text: "Be brief.", cache_control: { type: "ephemeral" } }],
      thinking: { type: "enabled", budget_tokens: 1024 },
      tools: [{ name: "get_weather", input_schema: { type: "object", properties: {} } }],
      tool_choice: { type: "any", disable_parallel_tool_use: true },
      stop_sequences: ["END"],
      metadata: { user_id: "u1" },
      stream: true,
      messages: [
        { role: "user", content: "Weather?" },
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "hmm", signature: "sig" },
            { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
          ],
        },
        {
          role: "user",
          content: [
            { type: "tool_result", tool_use_id: "toolu_1", content: "21" },
            { type: "text", text: "And tomorrow?" },
          ],
        },
      ],
    });
    expect(chat.messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Weather?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          {
            id: "toolu_1",
            type: "function",
            function: { name: "get_weather", arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: "tool", tool_call_id: "toolu_1", content: "21" },
      { role: "user", content: [{ type: "text", text: "And tomorrow?" }] },
    ]);
    expect(chat).toMatchObject({
      max_tokens: 100,
      stream: true,
      stream_options: { include_usage: true },
      stop: ["END"],
      user: "u1",
      tool_choice: "required",
      parallel_tool_calls: false,
    });
    expect(JSON.stringify(chat)).not.toContain("cache_control");
    expect(chat.thinking).toBeUndefined();
  });

  it("turns a base64 image into a data URL", () => {
    const chat = read({
      model: "m",
      max_tokens: 1,
      messages: [
        {
          role: "user",
          content: [
            { type: "image", source: { type: "base64", media_type: "image/png", data: "AAAA" } },
          ],
        },
      ],
    });
    expect(chat.messages[0]!.content).toEqual([
      { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } },
    ]);
  });

  it("refuses server tools and unknown blocks with a 400 naming them", () => {
    expect(() =>
      read({
        model: "m",
        max_tokens: 1,
        tools: [{ type: "web_search_20250305", name: "web_search" }],
        messages: [{ role: "user", content: "hi" }],
      }),
    ).toThrow(/web_search_20250305/);
    expect(() =>
      read({
        model: "m",
        max_tokens: 1,
        messages: [{ role: "user", content: [{ type: "container_upload", file_id: "f" }] }],
      }),
    ).toThrow(/container_upload/);
  });
});
