import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatCompletionRequest } from "@/lib/gateway/chat-request";
import type { UpstreamCall } from "@/lib/gateway/providers/types";
import { simulatedReply, simulatedUsage, startSimulator, type Simulator } from "@/lib/simulator";
import { anthropicAdapter } from "@/lib/gateway/providers/anthropic/adapter";
import { contentOf, finishReasonsOf, relayBody } from "@/lib/gateway/providers/test-support";

/** The adapter against the project's Anthropic simulator, over real loopback HTTP. */

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

const model = "claude-3-5-haiku-20241022";
const weatherTool = {
  type: "function",
  function: {
    name: "get_weather",
    parameters: {
      type: "object",
      properties: { location: { type: "string" } },
      required: ["location"],
    },
  },
};

function ctx(req: Partial<ChatCompletionRequest>, stream: boolean, apiKey = "sk-ant-sim") {
  const full: ChatCompletionRequest = {
    model: `anthropic/${model}`,
    messages: [{ role: "user", content: "Hello" }],
    ...req,
  };
  return {
    baseUrl: sim.baseUrlFor("anthropic"),
    apiKey,
    upstreamModel: model,
    request: full,
    stream,
  };
}

async function send(call: UpstreamCall) {
  return request(call.url, { method: "POST", headers: call.headers, body: call.body });
}

describe("Anthropic adapter against the simulator", () => {
  const messages: ChatCompletionRequest["messages"] = [
    { role: "system", content: "Be brief." },
    { role: "user", content: "Hello Claude" },
  ];
  const reply = simulatedReply("anthropic", model, "Hello Claude");
  const expected = simulatedUsage("Be brief.Hello Claude", reply);
  const expectedUsage = {
    promptTokens: expected.promptTokens,
    completionTokens: expected.completionTokens,
    cachedTokens: 0,
  };

  it("translates a Messages answer (the simulator insists on max_tokens and the version header)", async () => {
    const c = ctx({ messages }, false);
    const res = await send(anthropicAdapter.buildCall(c));
    expect(res.statusCode).toBe(200);
    const { completion, usage } = anthropicAdapter.parseResponse(await res.body.json(), c);
    expect(completion).toMatchObject({
      object: "chat.completion",
      model,
      choices: [{ message: { role: "assistant", content: reply }, finish_reason: "stop" }],
    });
    expect(usage).toEqual(expectedUsage);
  });

  it("translates a streamed answer", async () => {
    const c = ctx({ messages, stream: true }, true);
    const res = await send(anthropicAdapter.buildCall(c));
    const r = await relayBody(
      res.body,
      anthropicAdapter.createStreamTranslator({ ...c, clientWantsUsage: true }),
    );
    expect(r.done).toBe(true);
    expect(contentOf(r.chunks)).toBe(reply);
    expect(finishReasonsOf(r.chunks)).toEqual(["stop"]);
    expect(r.usage).toEqual(expectedUsage);
    expect(r.chunks[r.chunks.length - 1]).toMatchObject({
      choices: [],
      usage: { prompt_tokens: expected.promptTokens },
    });
  });

  it("round-trips a tool call: tool_use out, tool_result back in", async () => {
    const first = ctx(
      {
        messages: [{ role: "user", content: "What is the weather in Paris?" }],
        tools: [weatherTool],
      },
      true,
    );
    const res1 = await send(anthropicAdapter.buildCall(first));
    const r1 = await relayBody(
      res1.body,
      anthropicAdapter.createStreamTranslator({ ...first, clientWantsUsage: false }),
    );
    expect(finishReasonsOf(r1.chunks)).toEqual(["tool_calls"]);
    const deltas = r1.chunks.flatMap(
      (ch) =>
        (
          ch.choices as {
            delta: {
              tool_calls?: { id?: string; function: { name?: string; arguments: string } }[];
            };
          }[]
        )[0]?.delta.tool_calls ?? [],
    );
    const id = deltas[0]!.id!;
    const args = deltas.map((d) => d.function.arguments).join("");
    expect(deltas[0]!.function.name).toBe("get_weather");
    expect(JSON.parse(args)).toEqual(expect.objectContaining({ location: expect.any(String) }));

    const second = ctx(
      {
        messages: [
          { role: "user", content: "What is the weather in Paris?" },
          {
            role: "assistant",
            content: null,
            tool_calls: [
              { id, type: "function", function: { name: "get_weather", arguments: args } },
            ],
          },
          { role: "tool", tool_call_id: id, content: '{"temp":21}' },
        ],
        tools: [weatherTool],
      },
      false,
    );
    const res2 = await send(anthropicAdapter.buildCall(second));
    expect(res2.statusCode).toBe(200);
    const { completion } = anthropicAdapter.parseResponse(await res2.body.json(), second);
    expect(
      (completion.choices as { message: { content: string } }[])[0]!.message.content,
    ).toContain("Tool results received.");
  });

  it("reports the simulator's in-stream error event as an error step", async () => {
    sim.control.setFault({
      match: { key: "sk-ant-flaky" },
      stream: { failAfterChunks: 3 },
      times: 1,
    });
    const c = ctx({ messages, stream: true }, true, "sk-ant-flaky");
    const res = await send(anthropicAdapter.buildCall(c));
    const r = await relayBody(
      res.body,
      anthropicAdapter.createStreamTranslator({ ...c, clientWantsUsage: false }),
    );
    expect(r.chunks.length).toBeGreaterThan(0);
    expect(r.done).toBe(false);
    expect(r.error).toMatchObject({ type: "error", error: { type: "overloaded_error" } });
  });
});
