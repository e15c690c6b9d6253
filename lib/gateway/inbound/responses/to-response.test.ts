import { describe, expect, it } from "vitest";
import { echoOf } from "./request-echo";
import { ResponsesRequestSchema } from "./schema";
import { createResponsesStreamEncoder } from "./stream-encoder";
import { toResponsesResponse } from "./to-response";

const completion = JSON.stringify({
  id: "chatcmpl-abc",
  model: "deepseek/deepseek-chat",
  created: 1_700_000_000,
  choices: [{ message: { role: "assistant", content: "Hi." }, finish_reason: "stop" }],
  usage: { prompt_tokens: 5, completion_tokens: 2 },
});

const request = ResponsesRequestSchema.parse({
  model: "auto",
  input: "hello",
  instructions: "Be brief.",
  temperature: 0.2,
  max_output_tokens: 64,
  tools: [{ type: "function", name: "lookup", parameters: { type: "object" } }],
  tool_choice: "required",
  metadata: { run: "7" },
  user: "u-1",
});

describe("toResponsesResponse", () => {
  it("repeats the request's settings in the response object", () => {
    const r = JSON.parse(toResponsesResponse(completion, echoOf(request)));
    expect(r).toMatchObject({
      id: "resp_abc",
      status: "completed",
      instructions: "Be brief.",
      temperature: 0.2,
      top_p: 1,
      max_output_tokens: 64,
      tools: [{ type: "function", name: "lookup" }],
      tool_choice: "required",
      metadata: { run: "7" },
      user: "u-1",
      parallel_tool_calls: true,
      text: { format: { type: "text" } },
      truncation: "disabled",
      store: false,
      usage: { input_tokens: 5, output_tokens: 2, total_tokens: 7 },
    });
  });

  it("answers OpenAI's defaults for settings a request left out", () => {
    const bare = ResponsesRequestSchema.parse({ model: "auto", input: "hello" });
    const r = JSON.parse(toResponsesResponse(completion, echoOf(bare)));
    expect(r).toMatchObject({
      instructions: null,
      temperature: 1,
      top_p: 1,
      max_output_tokens: null,
      tools: [],
      tool_choice: "auto",
      metadata: {},
      user: null,
    });
  });

  it("repeats them in every response object of a stream", () => {
    const encoder = createResponsesStreamEncoder(echoOf(request));
    const bytes = [
      encoder.frame([
        JSON.stringify({
          id: "chatcmpl-abc",
          model: "m",
          choices: [{ delta: { content: "Hi." } }],
        }),
        JSON.stringify({ id: "chatcmpl-abc", choices: [{ delta: {}, finish_reason: "stop" }] }),
      ]),
      encoder.done(),
    ];
    const text = bytes.map((b) => new TextDecoder().decode(b)).join("");
    const responses = text
      .split("\n")
      .filter((l) => l.startsWith("data: "))
      .map((l) => JSON.parse(l.slice(6)) as { response?: Record<string, unknown> })
      .flatMap((e) => (e.response ? [e.response] : []));
    expect(responses.length).toBeGreaterThanOrEqual(2);
    for (const r of responses)
      expect(r).toMatchObject({ instructions: "Be brief.", temperature: 0.2 });
  });
});
