/**
 * The native Gemini and Anthropic paths, through both doors, pass the same openai-client
 * checks as the OpenAI-compatible providers: completion, stream, usage chunk, tool calls
 * (whole and streamed), system prompt, and exact usage rows in Postgres. The expected
 * numbers come from the simulator's deterministic usage rules (simulator/usage.ts).
 */
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  simulatedReply,
  simulatedUsage,
  startSimulator,
  toolCallCompletionText,
  type Simulator,
} from "@/lib/simulator";
import { collectStream } from "../support/chat-stream";
import { waitForUsageRow } from "../support/gateway-observe";
import {
  issueTenantKey,
  startGatewayProcess,
  type GatewayProcess,
} from "../support/gateway-process";
import { simProviderEnv } from "../support/sim-provider-env";

const NATIVE = [
  // List prices from the default catalog, micro-dollars per 1M tokens = picos per token.
  {
    id: "gemini",
    model: "gemini/gemini-2.0-flash",
    upstreamModel: "gemini-2.0-flash",
    inPrice: 75_000,
    outPrice: 300_000,
  },
  {
    id: "anthropic",
    model: "anthropic/claude-3-5-sonnet-latest",
    upstreamModel: "claude-3-5-sonnet-latest",
    inPrice: 3_000_000,
    outPrice: 15_000_000,
  },
] as const;
type Native = (typeof NATIVE)[number];

const WEATHER_TOOL: OpenAI.ChatCompletionTool = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Current weather",
    parameters: {
      type: "object",
      properties: { city: { type: "string" }, days: { type: "integer" } },
      required: ["city"],
    },
  },
};
/** What the simulator samples from WEATHER_TOOL's schema. */
const WEATHER_ARGS = { city: "simulated", days: 1 };

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim?.close();
});

async function expectUsageRow(
  p: Native,
  requestId: string,
  tenantId: string,
  want: { prompt: number; completion: number; streamed: boolean },
) {
  const row = await waitForUsageRow(requestId);
  expect(row.tenantId).toBe(tenantId);
  expect(row.providerId).toBe(p.id);
  expect(row.upstreamModel).toBe(p.upstreamModel);
  expect(row.httpStatus).toBe(200);
  expect(row.streamed).toBe(want.streamed);
  expect(row.tokensEstimated).toBe(false);
  expect(row.promptTokens).toBe(want.prompt);
  expect(row.completionTokens).toBe(want.completion);
  expect(row.upstreamCostPicos).toBe(
    BigInt(want.prompt * p.inPrice + want.completion * p.outPrice),
  );
}

describe.each(["node", "next"] as const)("native providers through the %s door", (door) => {
  let gw: GatewayProcess | undefined;
  let client: OpenAI;
  let tenantId: string;

  beforeAll(async () => {
    gw = await startGatewayProcess({
      door,
      env: simProviderEnv(sim, {
        gemini: [`gm-native-${door}-key-1`],
        anthropic: [`sk-ant-native-${door}-key-1`],
      }),
    });
    const issued = await issueTenantKey(gw.url, `native-${door}`);
    tenantId = issued.tenantId;
    client = new OpenAI({ apiKey: issued.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await gw?.stop();
  });

  describe.each(NATIVE)("$id", (p) => {
    it("answers a non-streaming completion with exact usage, metered in Postgres", async () => {
      const user = "Tell me something about native adapters.";
      const { data, response } = await client.chat.completions
        .create({ model: p.model, messages: [{ role: "user", content: user }] })
        .withResponse();
      expect(response.headers.get("x-gateway-provider")).toBe(p.id);
      expect(response.headers.get("x-gateway-attempts")).toBe("1");
      const reply = simulatedReply(p.id, p.upstreamModel, user);
      expect(data.object).toBe("chat.completion");
      expect(data.choices[0]!.message.role).toBe("assistant");
      expect(data.choices[0]!.message.content).toBe(reply);
      expect(data.choices[0]!.finish_reason).toBe("stop");
      const want = simulatedUsage(user, reply);
      expect(data.usage).toMatchObject({
        prompt_tokens: want.promptTokens,
        completion_tokens: want.completionTokens,
        total_tokens: want.totalTokens,
      });
      await expectUsageRow(p, response.headers.get("x-request-id")!, tenantId, {
        prompt: want.promptTokens,
        completion: want.completionTokens,
        streamed: false,
      });
    });

    it("sends the system prompt to the provider as a system prompt", async () => {
      const system = "You are a terse assistant that answers in one line.";
      const user = "What is a gateway?";
      const { data, response } = await client.chat.completions
        .create({
          model: p.model,
          messages: [
            { role: "system", content: system },
            { role: "user", content: user },
          ],
        })
        .withResponse();
      // The reply echoes the last user message, so the system text did not become one.
      const reply = simulatedReply(p.id, p.upstreamModel, user);
      expect(data.choices[0]!.message.content).toBe(reply);
      // The provider counted the system text: it arrived, once.
      const want = simulatedUsage(system + user, reply);
      expect(want.promptTokens).toBeGreaterThan(simulatedUsage(user, reply).promptTokens);
      expect(data.usage?.prompt_tokens).toBe(want.promptTokens);
      await expectUsageRow(p, response.headers.get("x-request-id")!, tenantId, {
        prompt: want.promptTokens,
        completion: want.completionTokens,
        streamed: false,
      });
    });

    it("streams: content assembles to the reply, finish_reason stop, no usage chunk unasked", async () => {
      const user = "Stream a few words from a native provider please.";
      const { data: stream, response } = await client.chat.completions
        .create({ model: p.model, stream: true, messages: [{ role: "user", content: user }] })
        .withResponse();
      expect(response.headers.get("content-type")).toContain("text/event-stream");
      expect(response.headers.get("x-gateway-provider")).toBe(p.id);
      const got = await collectStream(stream);
      expect(got.error).toBeUndefined();
      const reply = simulatedReply(p.id, p.upstreamModel, user);
      expect(got.text).toBe(reply);
      expect(got.pieces.length).toBeGreaterThan(1);
      expect(got.chunks[0]!.choices[0]!.delta.role).toBe("assistant");
      expect(got.finishReason).toBe("stop");
      expect(got.usageChunks).toBe(0);
      for (const c of got.chunks) expect(c.object).toBe("chat.completion.chunk");
      const want = simulatedUsage(user, reply);
      await expectUsageRow(p, response.headers.get("x-request-id")!, tenantId, {
        prompt: want.promptTokens,
        completion: want.completionTokens,
        streamed: true,
      });
    });

    it("sends the usage chunk when stream_options.include_usage is set", async () => {
      const user = "Count my tokens natively.";
      const { data: stream, response } = await client.chat.completions
        .create({
          model: p.model,
          stream: true,
          stream_options: { include_usage: true },
          messages: [{ role: "user", content: user }],
        })
        .withResponse();
      const got = await collectStream(stream);
      expect(got.error).toBeUndefined();
      const reply = simulatedReply(p.id, p.upstreamModel, user);
      expect(got.text).toBe(reply);
      expect(got.usageChunks).toBe(1);
      // The usage chunk comes last and has no choices, as OpenAI sends it.
      const last = got.chunks[got.chunks.length - 1]!;
      expect(last.choices).toEqual([]);
      const want = simulatedUsage(user, reply);
      expect(last.usage).toMatchObject({
        prompt_tokens: want.promptTokens,
        completion_tokens: want.completionTokens,
        total_tokens: want.totalTokens,
      });
      await expectUsageRow(p, response.headers.get("x-request-id")!, tenantId, {
        prompt: want.promptTokens,
        completion: want.completionTokens,
        streamed: true,
      });
    });

    it("returns a tool call: name and JSON arguments, finish_reason tool_calls", async () => {
      const user = "What is the weather in Paris?";
      const { data, response } = await client.chat.completions
        .create({
          model: p.model,
          messages: [{ role: "user", content: user }],
          tools: [WEATHER_TOOL],
        })
        .withResponse();
      const choice = data.choices[0]!;
      expect(choice.finish_reason).toBe("tool_calls");
      const calls = choice.message.tool_calls ?? [];
      expect(calls).toHaveLength(1);
      const call = calls[0]!;
      expect(call.type).toBe("function");
      if (call.type !== "function") return;
      expect(call.id).toBeTruthy();
      expect(call.function.name).toBe("get_weather");
      expect(JSON.parse(call.function.arguments)).toEqual(WEATHER_ARGS);
      const want = simulatedUsage(
        user,
        toolCallCompletionText("get_weather", JSON.stringify(WEATHER_ARGS)),
      );
      expect(data.usage?.completion_tokens).toBe(want.completionTokens);
      await expectUsageRow(p, response.headers.get("x-request-id")!, tenantId, {
        prompt: want.promptTokens,
        completion: want.completionTokens,
        streamed: false,
      });
    });

    it("streams a tool call as tool_call deltas that assemble to the call", async () => {
      const user = "What is the weather in Lisbon?";
      const { data: stream, response } = await client.chat.completions
        .create({
          model: p.model,
          stream: true,
          stream_options: { include_usage: true },
          messages: [{ role: "user", content: user }],
          tools: [WEATHER_TOOL],
        })
        .withResponse();
      const got = await collectStream(stream);
      expect(got.error).toBeUndefined();
      expect(got.finishReason).toBe("tool_calls");
      expect(got.text).toBe("");
      expect(got.toolCalls).toHaveLength(1);
      expect(got.toolCalls[0]!.id).toBeTruthy();
      expect(got.toolCalls[0]!.name).toBe("get_weather");
      expect(JSON.parse(got.toolCalls[0]!.arguments)).toEqual(WEATHER_ARGS);
      const want = simulatedUsage(
        user,
        toolCallCompletionText("get_weather", JSON.stringify(WEATHER_ARGS)),
      );
      expect(got.usage).toMatchObject({
        prompt_tokens: want.promptTokens,
        completion_tokens: want.completionTokens,
      });
      await expectUsageRow(p, response.headers.get("x-request-id")!, tenantId, {
        prompt: want.promptTokens,
        completion: want.completionTokens,
        streamed: true,
      });
    });
  });

  it("asks Gemini for n choices as candidateCount, JSON and stream, each at its index, metered with every choice's tokens", async () => {
    const gemini = NATIVE[0];
    const user = "Three takes on candidate counts.";
    const reply = simulatedReply("gemini", gemini.upstreamModel, user);
    const { data, response } = await client.chat.completions
      .create({ model: gemini.model, n: 3, messages: [{ role: "user", content: user }] })
      .withResponse();
    expect(response.headers.get("x-gateway-provider")).toBe("gemini");
    expect(data.choices.map((c) => [c.index, c.message.content, c.finish_reason])).toEqual([
      [0, reply, "stop"],
      [1, reply, "stop"],
      [2, reply, "stop"],
    ]);
    const want = simulatedUsage(user, reply);
    expect(data.usage?.completion_tokens).toBe(3 * want.completionTokens);
    await expectUsageRow(gemini, response.headers.get("x-request-id")!, tenantId, {
      prompt: want.promptTokens,
      completion: 3 * want.completionTokens,
      streamed: false,
    });

    const stream = await client.chat.completions.create({
      model: gemini.model,
      n: 2,
      stream: true,
      messages: [{ role: "user", content: user }],
    });
    const text = new Map<number, string>();
    const finish = new Map<number, string | null>();
    for await (const chunk of stream)
      for (const choice of chunk.choices) {
        text.set(choice.index, (text.get(choice.index) ?? "") + (choice.delta.content ?? ""));
        if (choice.finish_reason) finish.set(choice.index, choice.finish_reason);
      }
    expect([...text.entries()].sort()).toEqual([
      [0, reply],
      [1, reply],
    ]);
    expect([...finish.entries()].sort()).toEqual([
      [0, "stop"],
      [1, "stop"],
    ]);
  });

  it("still refuses n above what any deployment of the model returns, naming n", async () => {
    const err = await client.chat.completions
      .create({ model: NATIVE[1].model, n: 2, messages: [{ role: "user", content: "two?" }] })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("n");
  });

  it("resolves the alias claude-3-5-sonnet to the Anthropic deployment", async () => {
    const { data, response } = await client.chat.completions
      .create({ model: "claude-3-5-sonnet", messages: [{ role: "user", content: "alias please" }] })
      .withResponse();
    expect(response.headers.get("x-gateway-provider")).toBe("anthropic");
    expect(data.choices[0]!.message.content).toBe(
      simulatedReply("anthropic", "claude-3-5-sonnet-latest", "alias please"),
    );
  });
});
