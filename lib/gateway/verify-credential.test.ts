import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { Catalog } from "@/lib/gateway/catalog";
import { PROVIDER_ADAPTERS } from "@/lib/gateway/providers/adapters";
import type { UpstreamClient, UpstreamResponse } from "@/lib/gateway/upstream/upstream-client";
import { verifyCredential } from "./verify-credential";

const KEY = "sk-live-0123456789abcdefghij";

const catalog: Catalog = {
  providers: new Map([
    [
      "deepseek",
      {
        id: "deepseek",
        name: "DeepSeek",
        kind: "openai_compatible",
        baseUrl: "http://upstream.test/v1",
        enabled: true,
        simulated: false,
      },
    ],
  ]),
  credentialsByProvider: new Map([
    [
      "deepseek",
      [
        {
          id: "c1",
          providerId: "deepseek",
          label: "one",
          apiKey: KEY,
          last4: "ghij",
          simulated: false,
        },
      ],
    ],
  ]),
  deployments: [
    {
      id: "d1",
      providerId: "deepseek",
      model: "deepseek-reasoner",
      publicName: "deepseek/deepseek-reasoner",
      aliases: [],
      inputPricePer1MMicros: 550_000,
      outputPricePer1MMicros: 2_190_000,
      cachedInputPricePer1MMicros: null,
      contextWindow: null,
      kind: "chat",
    },
    {
      id: "d2",
      providerId: "deepseek",
      model: "deepseek-chat",
      publicName: "deepseek/deepseek-chat",
      aliases: [],
      inputPricePer1MMicros: 140_000,
      outputPricePer1MMicros: 280_000,
      cachedInputPricePer1MMicros: null,
      contextWindow: null,
      kind: "chat",
    },
  ],
};

/** An upstream that answers every call with one canned response (or throws), remembering what it was sent. */
function upstream(
  answer: { status: number; body: unknown; headers?: Record<string, string> } | Error,
) {
  const sent: {
    url: string;
    headers: Record<string, string>;
    body: string;
    headersTimeoutMs?: number;
  }[] = [];
  const client: UpstreamClient = {
    async post(url, headers, body, _signal, headersTimeoutMs) {
      sent.push({ url, headers, body, headersTimeoutMs });
      if (answer instanceof Error) throw answer;
      const text = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
      return {
        status: answer.status,
        headers: { "content-type": "application/json", ...answer.headers },
        body: Readable.from([Buffer.from(text)]) as UpstreamResponse["body"],
      };
    },
    async close() {},
  };
  return { client, sent };
}

const deps = (client: UpstreamClient) => ({
  catalog: () => catalog,
  adapters: PROVIDER_ADAPTERS,
  upstream: client,
});

describe("verifyCredential", () => {
  it("sends one user token with max_tokens 1 to the cheapest deployment, with a 10 s limit, and passes on a 2xx", async () => {
    const { client, sent } = upstream({
      status: 200,
      body: {
        id: "x",
        object: "chat.completion",
        choices: [
          { index: 0, message: { role: "assistant", content: "Hi" }, finish_reason: "length" },
        ],
      },
    });
    const v = await verifyCredential(deps(client), "c1");
    expect(v).toEqual({
      passed: true,
      status: 200,
      errorClass: null,
      message: "The provider answered.",
      model: "deepseek/deepseek-chat",
      failure: null,
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe("http://upstream.test/v1/chat/completions");
    expect(sent[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent[0]!.headersTimeoutMs).toBe(10_000);
    expect(JSON.parse(sent[0]!.body)).toEqual({
      model: "deepseek-chat",
      messages: [{ role: "user", content: "Hi" }],
      max_tokens: 1,
    });
  });

  it("passes a rate limit: the key works, it is only busy", async () => {
    const { client } = upstream({
      status: 429,
      body: {
        error: { message: "Rate limit reached", type: "requests", code: "rate_limit_exceeded" },
      },
    });
    expect(await verifyCredential(deps(client), "c1")).toMatchObject({
      passed: true,
      status: 429,
      errorClass: "rate_limit",
    });
  });

  it("fails an auth refusal and removes the key from the provider's message", async () => {
    const { client } = upstream({
      status: 401,
      body: {
        error: {
          message: `Incorrect API key provided: ${KEY}.`,
          type: "invalid_request_error",
          code: "invalid_api_key",
        },
      },
    });
    const v = await verifyCredential(deps(client), "c1");
    expect(v).toMatchObject({ passed: false, status: 401, errorClass: "permanent_auth" });
    expect(v.message).not.toContain(KEY);
    expect(v.message).toContain("Incorrect API key provided");
  });

  it("fails billing, and a failure reported inside a 200", async () => {
    const billing = upstream({
      status: 402,
      body: {
        error: {
          message: "Insufficient Balance",
          type: "unknown_error",
          code: "invalid_request_error",
        },
      },
    });
    expect(await verifyCredential(deps(billing.client), "c1")).toMatchObject({
      passed: false,
      status: 402,
      errorClass: "billing",
    });
    const inBody = upstream({
      status: 200,
      body: {
        error: {
          message: "Invalid API key",
          type: "invalid_request_error",
          code: "invalid_api_key",
        },
      },
    });
    expect(await verifyCredential(deps(inBody.client), "c1")).toMatchObject({
      passed: false,
      status: 200,
      errorClass: "permanent_auth",
    });
  });

  it("fails when the provider never answers", async () => {
    const { client } = upstream(
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }),
    );
    const v = await verifyCredential(deps(client), "c1");
    expect(v.passed).toBe(false);
    expect(v.status).toBeNull();
    expect(v.errorClass).not.toBeNull();
  });

  it("refuses an unknown credential with a 404 ApiError", async () => {
    const { client, sent } = upstream({ status: 200, body: {} });
    await expect(verifyCredential(deps(client), "nope")).rejects.toMatchObject({
      code: "not_found",
      status: 404,
    });
    expect(sent).toEqual([]);
  });
});
