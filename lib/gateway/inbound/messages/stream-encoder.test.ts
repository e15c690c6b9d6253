import { describe, expect, it } from "vitest";
import { createMessagesStreamEncoder } from "./stream-encoder";

const decoder = new TextDecoder();

function events(text: string) {
  return text
    .split("\n\n")
    .filter(Boolean)
    .map((frame) => {
      const [event, data] = frame.split("\n");
      return {
        event: event!.slice(7),
        data: JSON.parse(data!.slice(6)) as Record<string, unknown>,
      };
    });
}

const chunk = (delta: unknown, finish: string | null = null, extra: object = {}) =>
  JSON.stringify({
    id: "chatcmpl-abc",
    model: "m",
    choices: [{ delta, finish_reason: finish }],
    ...extra,
  });

describe("createMessagesStreamEncoder", () => {
  it("writes text then a tool call as Anthropic's block events, usage at the end", () => {
    const enc = createMessagesStreamEncoder();
    let out = decoder.decode(enc.frame([chunk({ role: "assistant", content: "" })]));
    out += decoder.decode(enc.frame([chunk({ content: "Hi" })]));
    out += decoder.decode(
      enc.frame([
        chunk({ tool_calls: [{ index: 0, id: "call_1", function: { name: "f", arguments: "" } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{"a":1}' } }] }),
        chunk({}, "tool_calls"),
        JSON.stringify({
          id: "chatcmpl-abc",
          choices: [],
          usage: {
            prompt_tokens: 10,
            completion_tokens: 4,
            prompt_tokens_details: { cached_tokens: 2 },
          },
        }),
      ]),
    );
    out += decoder.decode(enc.done());
    const got = events(out);
    expect(got.map((e) => e.event)).toEqual([
      "message_start",
      "content_block_start",
      "content_block_delta",
      "content_block_stop",
      "content_block_start",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    expect(got[0]!.data.message).toMatchObject({ id: "msg_abc", role: "assistant" });
    expect(got[4]!.data).toMatchObject({
      index: 1,
      content_block: { type: "tool_use", id: "call_1", name: "f" },
    });
    expect(got[5]!.data.delta).toEqual({ type: "input_json_delta", partial_json: '{"a":1}' });
    expect(got[7]!.data).toMatchObject({
      delta: { stop_reason: "tool_use" },
      usage: { input_tokens: 8, output_tokens: 4, cache_read_input_tokens: 2 },
    });
  });

  it("ends a failed stream with Anthropic's error event", () => {
    const enc = createMessagesStreamEncoder();
    enc.frame([chunk({ content: "x" })]);
    const got = events(decoder.decode(enc.fail({ errorClass: "overloaded", scope: "provider" })));
    expect(got).toEqual([
      {
        event: "error",
        data: { type: "error", error: expect.objectContaining({ type: "overloaded_error" }) },
      },
    ]);
  });
});
