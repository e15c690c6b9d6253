/**
 * The gateway through every door (the product server's fast path, Next's route
 * handlers behind the product server, and plain `next start` bootstrapped by the
 * instrumentation hook), driven by the official `openai` client over real HTTP,
 * against the simulator and a real Postgres.
 */
import { countTokens } from "gpt-tokenizer";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { simulatedUsage, startSimulator, type Simulator } from "@/lib/simulator";
import { simProviderEnv } from "../support/sim-provider-env";
import {
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

describe.each(["node", "next", "next-start"] as const)("gateway through the %s door", (door) => {
  let gw: GatewayProcess;
  let client: OpenAI;
  let tenantId: string;

  beforeAll(async () => {
    gw = await startGatewayProcess({
      door,
      env: simProviderEnv(sim, {
        deepseek: ["sk-ds-conf-1", "sk-ds-conf-2"],
        openai: ["sk-oa-conf-1"],
        openrouter: ["sk-or-conf-1"],
      }),
    });
    const issued = await issueTenantKey(gw.url, `conformance-${door}`);
    tenantId = issued.tenantId;
    client = new OpenAI({ apiKey: issued.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it("answers a completion for provider/model and meters exact tokens and money", async () => {
    const messages = [
      { role: "user" as const, content: "Say hello to the gateway conformance suite." },
    ];
    const { data, response } = await client.chat.completions
      .create({ model: "deepseek/deepseek-chat", messages })
      .withResponse();
    const reply = data.choices[0]!.message.content!;
    expect(reply.length).toBeGreaterThan(0);
    expect(response.headers.get("x-gateway-provider")).toBe("deepseek");
    expect(response.headers.get("x-gateway-attempts")).toBe("1");
    const requestId = response.headers.get("x-request-id")!;
    expect(requestId).toMatch(/^req_/);

    const expected = simulatedUsage(messages[0]!.content, reply);
    expect(data.usage?.prompt_tokens).toBe(expected.promptTokens);
    expect(data.usage?.completion_tokens).toBe(expected.completionTokens);

    const row = await usageRow(requestId);
    expect(row.tenantId).toBe(tenantId);
    expect(row.providerId).toBe("deepseek");
    expect(row.promptTokens).toBe(expected.promptTokens);
    expect(row.completionTokens).toBe(expected.completionTokens);
    expect(row.tokensEstimated).toBe(false);
    expect(row.streamed).toBe(false);
    expect(row.httpStatus).toBe(200);
    // DeepSeek list price: $0.14 / $0.28 per 1M tokens = 140,000 / 280,000 micro-dollars per 1M = picos per token.
    expect(row.upstreamCostPicos).toBe(
      BigInt(expected.promptTokens * 140_000 + expected.completionTokens * 280_000),
    );
    // Tenants pay the list price of $5.00 per 1M tokens.
    expect(row.billedPicos).toBe(
      BigInt((expected.promptTokens + expected.completionTokens) * 5_000_000),
    );
  });

  it("routes `auto` to the cheapest deployment the key may use", async () => {
    const { response } = await client.chat.completions
      .create({ model: "auto", messages: [{ role: "user", content: "hi" }] })
      .withResponse();
    // OpenRouter's $0.12/$0.12 beats DeepSeek's $0.14/$0.28 and OpenAI's prices for a short prompt.
    expect(response.headers.get("x-gateway-provider")).toBe("openrouter");
  });

  it("streams chunk by chunk and hides the usage chunk from a client that did not ask", async () => {
    const { data: stream, response } = await client.chat.completions
      .create({
        model: "deepseek-chat",
        stream: true,
        messages: [{ role: "user", content: "Stream me a few words please." }],
      })
      .withResponse();
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    let text = "";
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      expect(chunk.usage ?? null).toBeNull();
      text += chunk.choices[0]?.delta?.content ?? "";
    }
    expect(chunks).toBeGreaterThan(2);
    expect(text.length).toBeGreaterThan(0);
    const row = await usageRow(response.headers.get("x-request-id")!);
    const expected = simulatedUsage("Stream me a few words please.", text);
    expect(row.streamed).toBe(true);
    expect(row.promptTokens).toBe(expected.promptTokens);
    expect(row.completionTokens).toBe(expected.completionTokens);
    expect(row.ttfbMs).not.toBeNull();
  });

  it("passes the usage chunk to a client that asked for it", async () => {
    const stream = await client.chat.completions.create({
      model: "deepseek/deepseek-chat",
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: "Count my tokens." }],
    });
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) if (chunk.usage) usage = chunk.usage;
    expect(usage?.prompt_tokens).toBe(simulatedUsage("Count my tokens.", "").promptTokens);
  });

  it("passes tools through and returns the tool call", async () => {
    const completion = await client.chat.completions.create({
      model: "deepseek/deepseek-chat",
      messages: [{ role: "user", content: "What is the weather in Paris?" }],
      tools: [
        {
          type: "function",
          function: {
            name: "get_weather",
            parameters: { type: "object", properties: { city: { type: "string" } } },
          },
        },
      ],
    });
    const call = completion.choices[0]!.message.tool_calls?.[0];
    expect(completion.choices[0]!.finish_reason).toBe("tool_calls");
    expect(call?.type === "function" && call.function.name).toBe("get_weather");
  });

  it("fails over to the next credential when one fails, and says so in the headers", async () => {
    // The next DeepSeek call fails, whichever key it uses; the other key must serve.
    const fault = sim.control.setFault({
      match: { provider: "deepseek" },
      status: 500,
      body: { error: { message: "boom", type: "server_error", code: null } },
      times: 1,
    });
    try {
      const { response } = await client.chat.completions
        .create({ model: "deepseek/deepseek-chat", messages: [{ role: "user", content: "x" }] })
        .withResponse();
      expect(response.headers.get("x-gateway-provider")).toBe("deepseek");
      expect(response.headers.get("x-gateway-attempts")).toBe("2");
    } finally {
      sim.control.clearFault(fault);
    }
  });

  it("counts tokens itself, and says so, when the upstream reports no usage", async () => {
    const content = "A reply from an upstream that keeps its usage to itself.";
    const fault = sim.control.setFault({
      match: { provider: "deepseek" },
      times: 1,
      status: 200,
      body: {
        id: "chatcmpl-nousage",
        object: "chat.completion",
        created: 0,
        model: "deepseek-chat",
        choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
      },
    });
    try {
      const prompt = "Count me without usage.";
      const { response } = await client.chat.completions
        .create({ model: "deepseek/deepseek-chat", messages: [{ role: "user", content: prompt }] })
        .withResponse();
      const row = await usageRow(response.headers.get("x-request-id")!);
      expect(row.tokensEstimated).toBe(true);
      expect(row.promptTokens).toBe(countTokens(`${prompt}\n`));
      expect(row.completionTokens).toBe(countTokens(content));
      expect(row.upstreamCostPicos).toBe(
        BigInt(row.promptTokens * 140_000 + row.completionTokens * 280_000),
      );
    } finally {
      sim.control.clearFault(fault);
    }
  });

  it("lists the models the key may use", async () => {
    const ids = (await client.models.list()).data.map((m) => m.id);
    expect(ids).toContain("auto");
    expect(ids).toContain("deepseek/deepseek-chat");
    expect(ids).toContain("openai/gpt-4o-mini");
  });

  it("answers unknown paths and wrong methods under /v1/ and /api/ in the API's error shape", async () => {
    const cases = [
      { method: "GET", path: "/v1/no-such-endpoint", status: 404, code: "not_found", allow: null },
      {
        method: "DELETE",
        path: "/v1/chat/completions",
        status: 405,
        code: "method_not_allowed",
        allow: "POST",
      },
      {
        method: "OPTIONS",
        path: "/v1/models",
        status: 405,
        code: "method_not_allowed",
        allow: "GET",
      },
      {
        method: "GET",
        path: "/api/admin/keys/key_123",
        status: 405,
        code: "method_not_allowed",
        allow: "PATCH, DELETE",
      },
      {
        method: "PUT",
        path: "/api/admin/tenants",
        status: 405,
        code: "method_not_allowed",
        allow: "GET, POST",
      },
      {
        method: "GET",
        path: "/api/admin/no-such-resource",
        status: 404,
        code: "not_found",
        allow: null,
      },
      { method: "POST", path: "/api/no/such/path", status: 404, code: "not_found", allow: null },
    ];
    for (const c of cases) {
      const res = await fetch(gw.url + c.path, { method: c.method });
      const what = `${c.method} ${c.path}`;
      expect(res.status, what).toBe(c.status);
      expect(res.headers.get("content-type"), what).toContain("application/json");
      const body = (await res.json()) as { error: { code: string; type: string; message: string } };
      expect(body.error.code, what).toBe(c.code);
      expect(body.error.type, what).toBe("invalid_request_error");
      if (c.allow) expect(res.headers.get("allow"), what).toBe(c.allow);
    }
  });
});
