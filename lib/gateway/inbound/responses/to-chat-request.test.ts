import { describe, expect, it } from "vitest";
import { ResponsesRequestSchema } from "./schema";
import { responsesToChatRequest } from "./to-chat-request";

const read = (body: unknown) => responsesToChatRequest(ResponsesRequestSchema.parse(body));

describe("responsesToChatRequest", () => {
  it("maps instructions, items, function calls and outputs, and text.format", () => {
    const chat = read({
      model: "m",
      instructions: "Be brief.",
      store: true,
      max_output_tokens: 50,
      text: {
        format: { type: "json_schema", name: "w", schema: { type: "object" }, strict: true },
      },
      tools: [{ type: "function", name: "f", parameters: { type: "object" } }],
      input: [
        { role: "user", content: [{ type: "input_text", text: "Weather?" }] },
        { type: "function_call", call_id: "c1", name: "f", arguments: "{}" },
        { type: "function_call", call_id: "c2", name: "f", arguments: "{}" },
        { type: "function_call_output", call_id: "c1", output: "21" },
      ],
    });
    expect(chat.messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: [{ type: "text", text: "Weather?" }] },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: "c1", type: "function", function: { name: "f", arguments: "{}" } },
          { id: "c2", type: "function", function: { name: "f", arguments: "{}" } },
        ],
      },
      { role: "tool", tool_call_id: "c1", content: "21" },
    ]);
    expect(chat).toMatchObject({
      max_completion_tokens: 50,
      response_format: {
        type: "json_schema",
        json_schema: { name: "w", schema: { type: "object" }, strict: true },
      },
      tools: [{ type: "function", function: { name: "f", parameters: { type: "object" } } }],
    });
  });

  it("answers previous_response_id, built-in tools and other items with a 400 naming them", () => {
    expect(() => read({ model: "m", input: "hi", previous_response_id: "resp_1" })).toThrow(
      /previous_response_id/,
    );
    expect(() => read({ model: "m", input: "hi", tools: [{ type: "file_search" }] })).toThrow(
      /file_search/,
    );
    expect(() =>
      read({ model: "m", input: [{ type: "reasoning", id: "rs_1", summary: [] }] }),
    ).toThrow(/reasoning/);
  });
});
