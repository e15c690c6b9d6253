import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatCompletionRequest } from "@/lib/gateway/chat-request";
import type { UpstreamCall } from "@/lib/gateway/providers/types";
import { simulatedReply, simulatedUsage, startSimulator, type Simulator } from "@/lib/simulator";
import { geminiAdapter } from "@/lib/gateway/providers/gemini/adapter";
import {
  contentOf,
  finishReasonsOf,
  relayBody as relay,
} from "@/lib/gateway/providers/test-support";

/** The adapter against the project's Gemini simulator, over real loopback HTTP. */

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

const model = "gemini-2.0-flash";
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

function ctx(req: Partial<ChatCompletionRequest>, stream: boolean, apiKey = "AIza-sim") {
  const full: ChatCompletionRequest = {
    model: `gemini/${model}`,
    messages: [{ role: "user", content: "Hello" }],
    ...req,
  };
  return { baseUrl: sim.baseUrlFor("gemini"), apiKey, upstreamModel: model, request: full, stream };
}

async function send(call: UpstreamCall) {
  return request(call.url, { method: "POST", headers: call.headers, body: call.body });
}

describe("Gemini adapter against the simulator", () => {
  const messages: ChatCompletionRequest["messages"] = [
    { role: "system", content: "Be brief." },
    { role: "user", content: "Hello Gemini" },
  ];
  const reply = simulatedReply("gemini", model, "Hello Gemini");
  const expected = simulatedUsage("Be brief.Hello Gemini", reply);

  it("translates a generateContent answer", async () => {
    const c = ctx({ messages }, false);
    const res = await send(geminiAdapter.buildCall(c));
    expect(res.statusCode).toBe(200);
    const { completion, usage } = geminiAdapter.parseResponse(await res.body.json(), c);
    expect(completion).toMatchObject({
      object: "chat.completion",
      choices: [{ message: { role: "assistant", content: reply }, finish_reason: "stop" }],
    });
    expect(usage).toEqual({
      promptTokens: expected.promptTokens,
      completionTokens: expected.completionTokens,
      cachedTokens: 0,
    });
  });

  it("translates a streamGenerateContent stream, ending it without a [DONE]", async () => {
    const c = ctx({ messages, stream: true }, true);
    const res = await send(geminiAdapter.buildCall(c));
    const r = await relay(
      res.body,
      geminiAdapter.createStreamTranslator({ ...c, clientWantsUsage: true }),
    );
    expect(r.done).toBe(true);
    expect(contentOf(r.chunks)).toBe(reply);
    expect(finishReasonsOf(r.chunks)).toEqual(["stop"]);
    expect(r.usage).toEqual({
      promptTokens: expected.promptTokens,
      completionTokens: expected.completionTokens,
      cachedTokens: 0,
    });
    expect(r.chunks[r.chunks.length - 1]).toMatchObject({
      choices: [],
      usage: { prompt_tokens: expected.promptTokens },
    });
  });

  it("round-trips a tool call: functionCall out, functionResponse back in", async () => {
    const first = ctx(
      {
        messages: [{ role: "user", content: "What is the weather in Paris?" }],
        tools: [weatherTool],
      },
      false,
    );
    const res1 = await send(geminiAdapter.buildCall(first));
    const { completion } = geminiAdapter.parseResponse(await res1.body.json(), first);
    const message = (
      completion.choices as {
        message: { tool_calls: { id: string; function: { name: string } }[] };
      }[]
    )[0]!.message;
    expect(message.tool_calls[0]!.function.name).toBe("get_weather");

    const second = ctx(
      {
        messages: [
          { role: "user", content: "What is the weather in Paris?" },
          message as unknown as ChatCompletionRequest["messages"][number],
          { role: "tool", tool_call_id: message.tool_calls[0]!.id, content: '{"temp":21}' },
        ],
        tools: [weatherTool],
      },
      true,
    );
    const res2 = await send(geminiAdapter.buildCall(second));
    const r = await relay(
      res2.body,
      geminiAdapter.createStreamTranslator({ ...second, clientWantsUsage: false }),
    );
    expect(contentOf(r.chunks)).toContain("Tool results received.");
  });

  it("streams a forced tool call as tool_call deltas", async () => {
    const c = ctx({ tools: [weatherTool], tool_choice: "required", stream: true }, true);
    const res = await send(geminiAdapter.buildCall(c));
    const r = await relay(
      res.body,
      geminiAdapter.createStreamTranslator({ ...c, clientWantsUsage: false }),
    );
    expect(finishReasonsOf(r.chunks)).toEqual(["tool_calls"]);
    const calls = r.chunks.flatMap(
      (ch) => (ch.choices as { delta: { tool_calls?: unknown[] } }[])[0]?.delta.tool_calls ?? [],
    );
    expect(calls).toEqual([
      expect.objectContaining({
        index: 0,
        function: { name: "get_weather", arguments: expect.any(String) },
      }),
    ]);
  });

  it("reports the simulator's in-stream error as an error step", async () => {
    sim.control.setFault({
      match: { key: "AIza-flaky" },
      stream: { failAfterChunks: 1 },
      times: 1,
    });
    const c = ctx({ messages, stream: true }, true, "AIza-flaky");
    const res = await send(geminiAdapter.buildCall(c));
    const r = await relay(
      res.body,
      geminiAdapter.createStreamTranslator({ ...c, clientWantsUsage: false }),
    );
    expect(r.chunks.length).toBeGreaterThan(0);
    expect(r.done).toBe(false);
    expect(r.error).toMatchObject({ error: { status: "UNAVAILABLE" } });
  });
});
