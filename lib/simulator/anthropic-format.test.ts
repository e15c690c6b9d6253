import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulatedReply, simulatedUsage, startSimulator, type Simulator } from "./index";
import { collectSse, get, post, type Payload } from "./test-support";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

const headers = { "x-api-key": "sk-ant-test", "anthropic-version": "2023-06-01" };
const model = "claude-3-5-haiku-20241022";
const url = () => `${sim.baseUrlFor("anthropic")}/v1/messages`;
const weatherTool = {
  name: "get_weather",
  input_schema: {
    type: "object",
    properties: { location: { type: "string" } },
    required: ["location"],
  },
};

describe("Anthropic messages", () => {
  it("answers with a message object and usage", async () => {
    const body = {
      model,
      max_tokens: 256,
      system: "Be brief.",
      messages: [{ role: "user", content: [{ type: "text", text: "Hello Claude" }] }],
    };
    const res = await post(url(), body, headers);
    expect(res.status).toBe(200);
    expect(res.headers["request-id"]).toMatch(/^req_/);
    const reply = simulatedReply("anthropic", model, "Hello Claude");
    const usage = simulatedUsage("Be brief.Hello Claude", reply);
    const json = (await res.json()) as Payload;
    expect(json).toMatchObject({
      type: "message",
      role: "assistant",
      model,
      content: [{ type: "text", text: reply }],
      stop_reason: "end_turn",
      stop_sequence: null,
      usage: {
        input_tokens: usage.promptTokens,
        output_tokens: usage.completionTokens,
        cache_read_input_tokens: 0,
      },
    });
    expect(json.id).toMatch(/^msg_/);
  });

  it("keeps cache reads out of input_tokens, as the real API does", async () => {
    const body = {
      model,
      max_tokens: 256,
      system: [{ type: "text", text: "z".repeat(4096) }],
      messages: [{ role: "user", content: "hi" }],
    };
    const json = (await (await post(url(), body, headers)).json()) as Payload;
    expect(json.usage).toMatchObject({ input_tokens: 1025 - 512, cache_read_input_tokens: 512 });
  });

  it("streams the real event sequence with usage in message_start and message_delta", async () => {
    const body = {
      model,
      max_tokens: 256,
      stream: true,
      messages: [{ role: "user", content: "Stream please" }],
    };
    const res = await post(url(), body, headers);
    expect(res.headers["content-type"]).toContain("text/event-stream");
    const events = await collectSse(res.body);
    const names = events.map((e) => e.event);
    expect(names.slice(0, 3)).toEqual(["message_start", "content_block_start", "ping"]);
    expect(names.slice(-3)).toEqual(["content_block_stop", "message_delta", "message_stop"]);
    expect(names.filter((n) => n === "content_block_delta").length).toBeGreaterThan(1);
    for (const e of events) expect(JSON.parse(e.data).type).toBe(e.event);

    const data = events.map((e) => JSON.parse(e.data) as Payload);
    const text = data
      .filter((d) => d.type === "content_block_delta")
      .map((d) => d.delta.text)
      .join("");
    expect(text).toBe(simulatedReply("anthropic", model, "Stream please"));
    const usage = simulatedUsage("Stream please", text);
    expect(data[0]!.message.usage.input_tokens).toBe(usage.promptTokens);
    expect(data.at(-2)).toEqual({
      type: "message_delta",
      delta: { stop_reason: "end_turn", stop_sequence: null },
      usage: { output_tokens: usage.completionTokens },
    });
  });

  it("calls a tool with tool_use blocks, streamed as input_json_delta", async () => {
    const body = {
      model,
      max_tokens: 256,
      tools: [weatherTool],
      messages: [{ role: "user", content: "What's the weather in Kyiv?" }],
    };
    const json = (await (await post(url(), body, headers)).json()) as Payload;
    expect(json.stop_reason).toBe("tool_use");
    expect(json.content).toEqual([
      {
        type: "tool_use",
        id: expect.stringMatching(/^toolu_/),
        name: "get_weather",
        input: { location: "simulated" },
      },
    ]);

    const events = await collectSse((await post(url(), { ...body, stream: true }, headers)).body);
    const data = events.map((e) => JSON.parse(e.data) as Payload);
    expect(data[1]).toMatchObject({
      type: "content_block_start",
      content_block: { type: "tool_use", name: "get_weather", input: {} },
    });
    const partial = data.filter((d) => d.type === "content_block_delta").map((d) => d.delta);
    expect(partial.every((d) => d.type === "input_json_delta")).toBe(true);
    expect(JSON.parse(partial.map((d) => d.partial_json).join(""))).toEqual({
      location: "simulated",
    });
    expect(data.at(-2)!.delta.stop_reason).toBe("tool_use");

    const afterResult = {
      ...body,
      messages: [
        ...body.messages,
        {
          role: "assistant",
          content: [{ type: "tool_use", id: "toolu_1", name: "get_weather", input: {} }],
        },
        {
          role: "user",
          content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "cold" }],
        },
      ],
    };
    expect(((await (await post(url(), afterResult, headers)).json()) as Payload).stop_reason).toBe(
      "end_turn",
    );
  });

  it("stops with max_tokens when the cap cuts the reply", async () => {
    const json = (await (
      await post(
        url(),
        { model, max_tokens: 2, messages: [{ role: "user", content: "hi" }] },
        headers,
      )
    ).json()) as Payload;
    expect(json).toMatchObject({
      stop_reason: "max_tokens",
      content: [{ text: "Simulated reply" }],
      usage: { output_tokens: 2 },
    });
  });

  it("refuses requests the real API refuses", async () => {
    const noVersion = await post(
      url(),
      { model, max_tokens: 5, messages: [{ role: "user", content: "hi" }] },
      { "x-api-key": "k" },
    );
    expect(noVersion.status).toBe(400);
    expect(await noVersion.json()).toMatchObject({
      type: "error",
      error: { type: "invalid_request_error", message: "anthropic-version: header is required" },
    });

    const malformed = await post(url(), "{", headers);
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      error: { type: "invalid_request_error", message: expect.stringContaining("not valid JSON") },
    });

    const noMessages = await post(url(), { model, max_tokens: 5 }, headers);
    expect(await noMessages.json()).toMatchObject({
      error: { type: "invalid_request_error", message: "messages: Field required" },
    });
    const noMaxTokens = await post(
      url(),
      { model, messages: [{ role: "user", content: "hi" }] },
      headers,
    );
    expect(await noMaxTokens.json()).toMatchObject({
      error: { message: "max_tokens: Field required" },
    });

    const noKey = await post(
      url(),
      { model, max_tokens: 5, messages: [{ role: "user", content: "hi" }] },
      { "anthropic-version": "2023-06-01" },
    );
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({
      type: "error",
      error: { type: "authentication_error" },
    });
  });

  it("lists models", async () => {
    const res = await get(`${sim.baseUrlFor("anthropic")}/v1/models`, headers);
    const list = res.json as { data: unknown[]; has_more: boolean };
    expect(list.has_more).toBe(false);
    expect(list.data[0]).toMatchObject({ type: "model", id: model });
  });
});
