/**
 * The Anthropic Messages API and OpenAI's Responses API in front of the chat core,
 * through both doors, driven by the official `@anthropic-ai/sdk` and `openai` clients
 * over real HTTP, against the simulator's Anthropic and OpenAI-compatible upstreams and a
 * real Postgres: answers, streams, tool round trips, usage rows (tokens, money, `api`),
 * `models.retrieve`, and each API's own error shape for bad input.
 */
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { picosToMicros } from "@/lib/billing/money";
import { getPrisma } from "@/lib/db";
import { startSimulator, type Simulator } from "@/lib/simulator";
import { simProviderEnv } from "../support/sim-provider-env";
import {
  admin,
  issueTenantKey,
  startGatewayProcess,
  type GatewayProcess,
} from "../support/gateway-process";
import { waitFor } from "../support/wait-for";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});

async function usageRow(requestId: string) {
  return waitFor(() => getPrisma().usageRecord.findUnique({ where: { requestId } }), {
    what: `usage row ${requestId}`,
  });
}

const weatherTool = {
  name: "get_weather",
  description: "The weather in a city.",
  input_schema: {
    type: "object" as const,
    properties: { location: { type: "string" } },
    required: ["location"],
  },
};

const question = { role: "user" as const, content: "What is the weather in Paris?" };

describe.each(["node", "next"] as const)("inbound APIs through the %s door", (door) => {
  let gw: GatewayProcess;
  let anthropic: Anthropic;
  let openai: OpenAI;
  let key: string;
  let tenantId: string;

  beforeAll(async () => {
    gw = await startGatewayProcess({
      door,
      env: simProviderEnv(sim, { anthropic: ["sk-ant-inbound-1"], deepseek: ["sk-ds-inbound-1"] }),
    });
    const issued = await issueTenantKey(gw.url, `inbound-${door}`);
    key = issued.key;
    tenantId = issued.tenantId;
    anthropic = new Anthropic({ apiKey: key, baseURL: gw.url, maxRetries: 0 });
    openai = new OpenAI({ apiKey: key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await gw?.stop();
  });

  describe.each([
    ["anthropic/claude-3-5-sonnet-latest", "anthropic"],
    ["deepseek/deepseek-chat", "deepseek"],
  ])("messages.create to %s", (model, provider) => {
    it("answers JSON with a tool round trip, metered as messages", async () => {
      const first = await anthropic.messages
        .create({ model, max_tokens: 256, tools: [weatherTool], messages: [question] })
        .withResponse();
      expect(first.response.headers.get("x-gateway-provider")).toBe(provider);
      expect(first.data.type).toBe("message");
      expect(first.data.stop_reason).toBe("tool_use");
      const call = first.data.content.find((b) => b.type === "tool_use")!;
      expect(call).toMatchObject({ type: "tool_use", name: "get_weather" });
      expect(call.type === "tool_use" && call.input).toEqual(
        expect.objectContaining({ location: expect.any(String) }),
      );

      const second = await anthropic.messages
        .create({
          model,
          max_tokens: 256,
          tools: [weatherTool],
          messages: [
            question,
            { role: "assistant", content: first.data.content },
            {
              role: "user",
              content: [
                {
                  type: "tool_result",
                  tool_use_id: call.type === "tool_use" ? call.id : "",
                  content: "21 degrees",
                },
              ],
            },
          ],
        })
        .withResponse();
      expect(second.data.stop_reason).toBe("end_turn");
      const text = second.data.content.map((b) => (b.type === "text" ? b.text : "")).join("");
      expect(text).toContain("Tool results received.");

      const row = await usageRow(second.response.headers.get("x-request-id")!);
      const u = second.data.usage;
      expect(row.api).toBe("messages");
      expect(row.providerId).toBe(provider);
      expect(row.streamed).toBe(false);
      expect(row.promptTokens).toBe(u.input_tokens + (u.cache_read_input_tokens ?? 0));
      expect(row.completionTokens).toBe(u.output_tokens);
      expect(row.tokensEstimated).toBe(false);
      expect(row.upstreamCostPicos).toBeGreaterThan(0n);
      expect(row.billedPicos).toBeGreaterThan(0n);
      if (provider === "deepseek") {
        // DeepSeek's list price ($0.14 / $0.28 per 1M); tenants pay $5.00 per 1M tokens.
        expect(row.upstreamCostPicos).toBe(
          BigInt(row.promptTokens * 140_000 + row.completionTokens * 280_000),
        );
        expect(row.billedPicos).toBe(BigInt((row.promptTokens + row.completionTokens) * 5_000_000));
      }
    });

    it("streams with Anthropic's events and a tool round trip", async () => {
      const first = anthropic.messages.stream({
        model,
        max_tokens: 256,
        tools: [weatherTool],
        messages: [question],
      });
      const message = await first.finalMessage();
      expect(message.stop_reason).toBe("tool_use");
      const call = message.content.find((b) => b.type === "tool_use");
      expect(call?.type === "tool_use" && call.input).toEqual(
        expect.objectContaining({ location: expect.any(String) }),
      );

      const second = anthropic.messages.stream({
        model,
        max_tokens: 256,
        tools: [weatherTool],
        messages: [
          question,
          { role: "assistant", content: message.content },
          {
            role: "user",
            content: [
              {
                type: "tool_result",
                tool_use_id: call?.type === "tool_use" ? call.id : "",
                content: "21 degrees",
              },
            ],
          },
        ],
      });
      const events: string[] = [];
      second.on("streamEvent", (e) => events.push(e.type));
      const answer = await second.finalMessage();
      expect(events[0]).toBe("message_start");
      expect(events).toContain("content_block_delta");
      expect(events.slice(-2)).toEqual(["message_delta", "message_stop"]);
      expect(answer.stop_reason).toBe("end_turn");
      expect(answer.content[0]).toMatchObject({ type: "text" });
      expect(answer.usage.output_tokens).toBeGreaterThan(0);

      const { response } = await second.withResponse();
      const row = await usageRow(response.headers.get("x-request-id")!);
      expect(row.api).toBe("messages");
      expect(row.providerId).toBe(provider);
      expect(row.streamed).toBe(true);
      expect(row.completionTokens).toBe(answer.usage.output_tokens);
      expect(row.promptTokens).toBe(
        answer.usage.input_tokens + (answer.usage.cache_read_input_tokens ?? 0),
      );
      expect(row.upstreamCostPicos).toBeGreaterThan(0n);
    });
  });

  it("counts tokens for /v1/messages/count_tokens", async () => {
    const counted = await anthropic.messages.countTokens({
      model: "anthropic/claude-3-5-sonnet-latest",
      messages: [question],
    });
    expect(counted.input_tokens).toBeGreaterThan(0);
  });

  it("answers bad input on /v1/messages in Anthropic's shape", async () => {
    const bad = await anthropic.messages
      .create({ model: "deepseek/deepseek-chat", messages: [question] } as never)
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(Anthropic.BadRequestError);
    expect((bad as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({
      type: "error",
      error: {
        type: "invalid_request_error",
        message: "Invalid value for 'max_tokens': is required",
      },
    });

    const unauthorized = await new Anthropic({
      apiKey: "sk-nope",
      baseURL: gw.url,
      maxRetries: 0,
    }).messages
      .create({ model: "deepseek/deepseek-chat", max_tokens: 8, messages: [question] })
      .catch((e: unknown) => e);
    expect(unauthorized).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(
      (unauthorized as InstanceType<typeof Anthropic.AuthenticationError>).error,
    ).toMatchObject({
      type: "error",
      error: { type: "authentication_error" },
    });

    const tooLarge = await fetch(`${gw.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": key, "content-type": "application/json" },
      body: "x".repeat(5 * 1024 * 1024),
    });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({
      type: "error",
      error: { type: "request_too_large" },
    });
  });

  it("answers responses.create as JSON with a function tool round trip, metered as responses", async () => {
    const tools = [
      {
        type: "function" as const,
        name: "get_weather",
        parameters: weatherTool.input_schema,
        strict: false,
      },
    ];
    const first = await openai.responses
      .create({ model: "deepseek/deepseek-chat", input: "What is the weather in Paris?", tools })
      .withResponse();
    const call = first.data.output.find((o) => o.type === "function_call");
    expect(call).toMatchObject({ type: "function_call", name: "get_weather" });
    const second = await openai.responses
      .create({
        model: "deepseek/deepseek-chat",
        instructions: "Be brief.",
        tools,
        input: [
          { role: "user", content: "What is the weather in Paris?" },
          ...(call ? [call] : []),
          {
            type: "function_call_output",
            call_id: call?.type === "function_call" ? call.call_id : "",
            output: "21 degrees",
          },
        ],
      })
      .withResponse();
    expect(second.data.status).toBe("completed");
    expect(second.data.output_text).toContain("Tool results received.");
    // The response repeats what was asked, as OpenAI's does.
    expect(second.data).toMatchObject({
      instructions: "Be brief.",
      tools: [{ type: "function", name: "get_weather" }],
      tool_choice: "auto",
      temperature: 1,
    });
    const row = await usageRow(second.response.headers.get("x-request-id")!);
    expect(row.api).toBe("responses");
    expect(row.promptTokens).toBe(second.data.usage!.input_tokens);
    expect(row.completionTokens).toBe(second.data.usage!.output_tokens);
    expect(row.upstreamCostPicos).toBe(
      BigInt(row.promptTokens * 140_000 + row.completionTokens * 280_000),
    );
  });

  it("streams responses.create with its typed events and usage", async () => {
    const stream = await openai.responses.create({
      model: "anthropic/claude-3-5-sonnet-latest",
      input: "Stream me a few words please.",
      temperature: 0.3,
      stream: true,
    });
    const types: string[] = [];
    let text = "";
    let completed: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === "response.output_text.delta") text += event.delta;
      if (event.type === "response.completed") completed = event.response;
    }
    expect(types[0]).toBe("response.created");
    expect(types).toContain("response.output_text.delta");
    expect(types.at(-1)).toBe("response.completed");
    expect(text.length).toBeGreaterThan(0);
    expect(completed?.usage?.output_tokens).toBeGreaterThan(0);
    expect(completed?.temperature).toBe(0.3);
    expect(completed?.output_text ?? text).toContain("Simulated reply");
  });

  it("answers bad input on /v1/responses in OpenAI's shape", async () => {
    const stored = await openai.responses
      .create({ model: "deepseek/deepseek-chat", input: "hi", previous_response_id: "resp_1" })
      .catch((e: unknown) => e);
    expect(stored).toBeInstanceOf(OpenAI.BadRequestError);
    expect((stored as InstanceType<typeof OpenAI.BadRequestError>).param).toBe(
      "previous_response_id",
    );
    const builtIn = await openai.responses
      .create({
        model: "deepseek/deepseek-chat",
        input: "hi",
        tools: [{ type: "web_search_preview" }],
      })
      .catch((e: unknown) => e);
    expect(builtIn).toBeInstanceOf(OpenAI.BadRequestError);
    expect((builtIn as Error).message).toContain("web_search_preview");
  });

  it("fails over invisibly on both APIs: the cheapest provider answers 503, the next one serves, translated back", async () => {
    // `auto` among this file's two providers only: the shared database holds other files'
    // keys, whose providers would otherwise be ranked between DeepSeek and Anthropic.
    const issued = await issueTenantKey(gw.url, `inbound-failover-${door}`, {
      allowedModels: ["deepseek/*", "anthropic/*"],
    });
    const payerAnthropic = new Anthropic({ apiKey: issued.key, baseURL: gw.url, maxRetries: 0 });
    const payerOpenAI = new OpenAI({ apiKey: issued.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
    const overloaded = {
      status: 503,
      body: { error: { message: "Server overloaded", type: "server_error" } },
    };
    // `auto` ranks DeepSeek first (cheapest); its one answer is a 503.
    const messagesFault = sim.control.setFault({
      match: { key: "sk-ds-inbound-1" },
      times: 1,
      ...overloaded,
    });
    const viaMessages = await payerAnthropic.messages
      .create({ model: "auto", max_tokens: 64, messages: [question] })
      .withResponse();
    sim.control.clearFault(messagesFault);
    expect(viaMessages.response.headers.get("x-gateway-attempts")).toBe("2");
    expect(viaMessages.response.headers.get("x-gateway-provider")).toBe("anthropic");
    expect(viaMessages.data.type).toBe("message");
    expect(viaMessages.data.content[0]).toMatchObject({ type: "text" });

    const responsesFault = sim.control.setFault({
      match: { key: "sk-ds-inbound-1" },
      times: 1,
      ...overloaded,
    });
    const viaResponses = await payerOpenAI.responses
      .create({ model: "auto", input: "What is the weather in Paris?" })
      .withResponse();
    sim.control.clearFault(responsesFault);
    expect(viaResponses.response.headers.get("x-gateway-attempts")).toBe("2");
    expect(viaResponses.response.headers.get("x-gateway-provider")).toBe("anthropic");
    expect(viaResponses.data.status).toBe("completed");
    expect(viaResponses.data.output_text.length).toBeGreaterThan(0);

    // Both metered under their API, at the provider that served, and both on the invoice.
    const rows = await Promise.all(
      [viaMessages, viaResponses].map((r) => usageRow(r.response.headers.get("x-request-id")!)),
    );
    expect(rows.map((r) => [r.api, r.providerId])).toEqual([
      ["messages", "anthropic"],
      ["responses", "anthropic"],
    ]);
    const tokens = rows.reduce((sum, r) => sum + r.promptTokens + r.completionTokens, 0);
    const billed = rows.reduce((sum, r) => sum + r.billedPicos, 0n);
    const now = new Date();
    const period = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
    const { data } = await admin<{
      data: { lines: { kind: string; quantity: number; amountMicros: number }[] }[];
    }>(gw.url, "POST", "/api/admin/invoices/generate", { period, tenantId: issued.tenantId });
    const overage = data[0]!.lines.find((l) => l.kind === "overage")!;
    expect(overage.quantity).toBe(tokens);
    // To the nearest micro-dollar, as the invoice's overage line shows it.
    expect(overage.amountMicros).toBe(Number(picosToMicros(billed)));
  });

  it("files each request under its API in the request log and the spend report", async () => {
    const log = await admin<{ data: { api: string }[] }>(
      gw.url,
      "GET",
      `/api/admin/requests?tenantId=${tenantId}&api=responses`,
    );
    expect(log.data.length).toBeGreaterThan(0);
    expect(new Set(log.data.map((r) => r.api))).toEqual(new Set(["responses"]));
    const spend = await waitFor(
      async () => {
        const report = await admin<{ data: { api: string; requests: number }[] }>(
          gw.url,
          "GET",
          `/api/admin/usage?groupBy=api&tenantId=${tenantId}`,
        );
        const apis = report.data.map((g) => g.api);
        return apis.includes("messages") && apis.includes("responses") ? report : undefined;
      },
      { what: "spend per API" },
    );
    expect(spend.data.find((g) => g.api === "messages")!.requests).toBeGreaterThan(0);
  });

  it("retrieves one model, and 404s one the key cannot use", async () => {
    const model = await openai.models.retrieve("deepseek/deepseek-chat");
    expect(model).toMatchObject({ id: "deepseek/deepseek-chat", object: "model" });
    const missing = await openai.models.retrieve("nobody/nothing").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
  });
});
