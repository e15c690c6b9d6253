import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  simulatedReply,
  simulatedUsage,
  startSimulator,
  toolCallCompletionText,
  type Simulator,
} from "./index";
import { collectSse, get, payloads, post, type Payload } from "./test-support";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

const auth = { authorization: "Bearer sk-test-openai" };
const weatherTool = {
  type: "function",
  function: {
    name: "get_weather",
    parameters: {
      type: "object",
      properties: {
        location: { type: "string" },
        unit: { type: "string", enum: ["celsius", "fahrenheit"] },
      },
    },
  },
};

describe("OpenAI-compatible chat completions", () => {
  it("answers a non-streaming request with a full chat.completion and deterministic usage", async () => {
    const messages = [
      { role: "system", content: "Be brief." },
      { role: "user", content: [{ type: "text", text: "Hello there, simulator" }] },
    ];
    const res = await post(
      `${sim.baseUrlFor("openai")}/chat/completions`,
      { model: "gpt-4o-mini", messages },
      auth,
    );
    expect(res.status).toBe(200);
    expect(res.headers["x-request-id"]).toMatch(/^req_/);
    const body = (await res.json()) as Payload;
    const reply = simulatedReply("openai", "gpt-4o-mini", "Hello there, simulator");
    const usage = simulatedUsage("Be brief.Hello there, simulator", reply);
    expect(body).toMatchObject({
      object: "chat.completion",
      model: "gpt-4o-mini",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: reply },
          finish_reason: "stop",
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: usage.promptTokens,
        completion_tokens: usage.completionTokens,
        total_tokens: usage.totalTokens,
        prompt_tokens_details: { cached_tokens: 0 },
      },
    });
    expect(body.id).toMatch(/^chatcmpl-/);
    expect(typeof body.created).toBe("number");
    expect(body.system_fingerprint).toBeTruthy();
    expect(reply).toBe("Simulated reply from openai/gpt-4o-mini. You said: Hello there, simulator");
  });

  it("reports cached tokens for long prompts, and DeepSeek's own cache fields", async () => {
    const long = "x".repeat(8192); // 2048 prompt tokens -> half, in 128-token steps, cached
    const res = await post(
      `${sim.baseUrlFor("deepseek")}/chat/completions`,
      { model: "deepseek-chat", messages: [{ role: "user", content: long }] },
      auth,
    );
    const body = (await res.json()) as Payload;
    expect(body.usage.prompt_tokens).toBe(2048);
    expect(body.usage.prompt_tokens_details.cached_tokens).toBe(1024);
    expect(body.usage.prompt_cache_hit_tokens).toBe(1024);
    expect(body.usage.prompt_cache_miss_tokens).toBe(1024);
  });

  it("streams chunks with the role first, content in pieces, then finish_reason and [DONE]", async () => {
    const res = await post(
      `${sim.baseUrlFor("groq")}/chat/completions`,
      { model: "llama-3.1-8b-instant", stream: true, messages: [{ role: "user", content: "Hi" }] },
      auth,
    );
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("text/event-stream");
    const events = await collectSse(res.body);
    expect(events.at(-1)?.data).toBe("[DONE]");
    const chunks = payloads(events) as Payload[];
    expect(chunks.every((c) => c.object === "chat.completion.chunk" && !("usage" in c))).toBe(true);
    expect(chunks[0]!.choices[0].delta).toMatchObject({ role: "assistant", content: "" });
    const text = chunks.map((c) => c.choices[0]?.delta?.content ?? "").join("");
    expect(text).toBe(simulatedReply("groq", "llama-3.1-8b-instant", "Hi"));
    expect(chunks.filter((c) => c.choices[0].delta.content).length).toBeGreaterThan(3);
    expect(chunks.at(-1)!.choices[0]).toMatchObject({ delta: {}, finish_reason: "stop" });
  });

  it("adds a usage chunk with empty choices only when stream_options.include_usage is set", async () => {
    const res = await post(
      `${sim.baseUrlFor("mistral")}/chat/completions`,
      {
        model: "mistral-small-latest",
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: "user", content: "Count me" }],
      },
      auth,
    );
    const chunks = payloads(await collectSse(res.body)) as Payload[];
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    const usage = simulatedUsage(
      "Count me",
      simulatedReply("mistral", "mistral-small-latest", "Count me"),
    );
    expect(last.usage).toMatchObject({
      prompt_tokens: usage.promptTokens,
      completion_tokens: usage.completionTokens,
      total_tokens: usage.totalTokens,
    });
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
  });

  it("calls the first tool for a weather question, streamed as tool_call deltas", async () => {
    const request = {
      model: "gpt-4o",
      tools: [weatherTool],
      messages: [{ role: "user", content: "What's the weather in Oslo?" }],
    };
    const plain = (await (
      await post(`${sim.baseUrlFor("openai")}/chat/completions`, request, auth)
    ).json()) as Payload;
    const call = plain.choices[0].message.tool_calls[0];
    expect(plain.choices[0].finish_reason).toBe("tool_calls");
    expect(plain.choices[0].message.content).toBeNull();
    expect(call).toMatchObject({ type: "function", function: { name: "get_weather" } });
    expect(JSON.parse(call.function.arguments)).toEqual({ location: "simulated", unit: "celsius" });
    expect(plain.usage.completion_tokens).toBe(
      simulatedUsage("", toolCallCompletionText("get_weather", call.function.arguments))
        .completionTokens,
    );

    const res = await post(
      `${sim.baseUrlFor("openai")}/chat/completions`,
      { ...request, stream: true },
      auth,
    );
    const chunks = payloads(await collectSse(res.body)) as Payload[];
    const deltas = chunks.flatMap((c) => c.choices[0]?.delta?.tool_calls ?? []);
    expect(deltas[0]).toMatchObject({
      index: 0,
      type: "function",
      function: { name: "get_weather", arguments: "" },
    });
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.map((d: Payload) => d.function.arguments).join("")).toBe(call.function.arguments);
    expect(chunks.at(-1)!.choices[0].finish_reason).toBe("tool_calls");
  });

  it("answers with text once the tool result is in, and honours tool_choice", async () => {
    const url = `${sim.baseUrlFor("openai")}/chat/completions`;
    const afterTool = {
      model: "gpt-4o",
      tools: [weatherTool],
      messages: [
        { role: "user", content: "weather in Oslo?" },
        {
          role: "assistant",
          content: null,
          tool_calls: [
            { id: "call_1", type: "function", function: { name: "get_weather", arguments: "{}" } },
          ],
        },
        { role: "tool", tool_call_id: "call_1", content: "sunny" },
      ],
    };
    const text = (await (await post(url, afterTool, auth)).json()) as Payload;
    expect(text.choices[0]).toMatchObject({
      finish_reason: "stop",
      message: { content: "Simulated reply from openai/gpt-4o. Tool results received." },
    });

    const forced = {
      model: "gpt-4o",
      tools: [weatherTool],
      tool_choice: { type: "function", function: { name: "get_weather" } },
      messages: [{ role: "user", content: "hello" }],
    };
    expect(
      ((await (await post(url, forced, auth)).json()) as Payload).choices[0].finish_reason,
    ).toBe("tool_calls");
    const none = {
      model: "gpt-4o",
      tools: [weatherTool],
      tool_choice: "none",
      messages: [{ role: "user", content: "weather?" }],
    };
    expect(((await (await post(url, none, auth)).json()) as Payload).choices[0].finish_reason).toBe(
      "stop",
    );
  });

  it("returns a small JSON object for response_format json_object, and truncates at max_tokens", async () => {
    const url = `${sim.baseUrlFor("openai")}/chat/completions`;
    const json = (await (
      await post(
        url,
        {
          model: "gpt-4o-mini",
          response_format: { type: "json_object" },
          messages: [{ role: "user", content: "json please" }],
        },
        auth,
      )
    ).json()) as Payload;
    expect(JSON.parse(json.choices[0].message.content)).toEqual({
      simulated: true,
      provider: "openai",
      model: "gpt-4o-mini",
    });

    const short = (await (
      await post(
        url,
        {
          model: "gpt-4o-mini",
          max_tokens: 3,
          messages: [{ role: "user", content: "long answer" }],
        },
        auth,
      )
    ).json()) as Payload;
    expect(short.choices[0]).toMatchObject({
      finish_reason: "length",
      message: { content: "Simulated reply from" },
    });
    expect(short.usage.completion_tokens).toBe(3);
  });

  it("refuses bad requests with OpenAI's real 400 and 401 shapes", async () => {
    const url = `${sim.baseUrlFor("openai")}/chat/completions`;
    const malformed = await post(url, "{not json", auth);
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      error: {
        type: "invalid_request_error",
        param: null,
        code: null,
        message: expect.stringContaining("could not parse the JSON body"),
      },
    });

    const noMessages = await post(url, { model: "gpt-4o-mini" }, auth);
    expect(noMessages.status).toBe(400);
    expect(await noMessages.json()).toEqual({
      error: {
        message: "Missing required parameter: 'messages'.",
        type: "invalid_request_error",
        param: "messages",
        code: "missing_required_parameter",
      },
    });

    const noKey = await post(url, {
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "hi" }],
    });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({
      error: { message: expect.stringContaining("You didn't provide an API key") },
    });
    const noKeyOpenRouter = await post(`${sim.baseUrlFor("openrouter")}/chat/completions`, {
      model: "x",
      messages: [],
    });
    expect(await noKeyOpenRouter.json()).toEqual({
      error: { message: "No auth credentials found", code: 401 },
    });
  });

  it("lists models in OpenAI's list shape", async () => {
    const res = await get(`${sim.baseUrlFor("deepseek")}/models`, auth);
    expect(res.status).toBe(200);
    const list = res.json as { object: string; data: unknown[] };
    expect(list.object).toBe("list");
    expect(list.data).toEqual([
      { id: "deepseek-chat", object: "model", created: expect.any(Number), owned_by: "deepseek" },
      {
        id: "deepseek-reasoner",
        object: "model",
        created: expect.any(Number),
        owned_by: "deepseek",
      },
    ]);
  });
});

describe("the official openai client against the simulator", () => {
  const client = () =>
    new OpenAI({
      apiKey: "sk-deepseek-official",
      baseURL: sim.baseUrlFor("deepseek"),
      maxRetries: 0,
    });

  it("parses a completion, a stream and a tool call", async () => {
    const completion = await client().chat.completions.create({
      model: "deepseek-chat",
      messages: [{ role: "user", content: "Hello from the SDK" }],
    });
    expect(completion.choices[0]!.message.content).toBe(
      simulatedReply("deepseek", "deepseek-chat", "Hello from the SDK"),
    );
    expect(completion.usage?.total_tokens).toBe(
      simulatedUsage("Hello from the SDK", completion.choices[0]!.message.content!).totalTokens,
    );

    const stream = await client().chat.completions.create({
      model: "deepseek-chat",
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: "Stream it" }],
    });
    let text = "";
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe(simulatedReply("deepseek", "deepseek-chat", "Stream it"));
    expect(usage?.completion_tokens).toBe(simulatedUsage("Stream it", text).completionTokens);

    const tools = [weatherTool] as OpenAI.ChatCompletionTool[];
    const toolCall = await client().chat.completions.create({
      model: "deepseek-chat",
      tools,
      messages: [{ role: "user", content: "weather in Rome" }],
    });
    const call = toolCall.choices[0]!.message.tool_calls![0]!;
    expect(call.type === "function" && call.function.name).toBe("get_weather");
  });

  it("surfaces an injected error as the SDK's typed error", async () => {
    sim.control.setFault({
      match: { key: "sk-deepseek-official" },
      status: 401,
      body: {
        error: {
          message: "Authentication Fails",
          type: "authentication_error",
          param: null,
          code: "invalid_request_error",
        },
      },
      times: 1,
    });
    await expect(
      client().chat.completions.create({
        model: "deepseek-chat",
        messages: [{ role: "user", content: "hi" }],
      }),
    ).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });
});
