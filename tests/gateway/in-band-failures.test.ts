/**
 * Failures a provider reports inside a success, provider input rules, capability
 * filtering and the three account-level kinds, end to end: the openai client and raw
 * HTTP against a gateway process whose upstreams are the simulator (which refuses, as
 * each provider does, a request that breaks its rules). One gateway for the file.
 */
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT_ERRORS, STREAM_FAILURES, startSimulator, type Simulator } from "@/lib/simulator";
import { collectStream } from "../support/chat-stream";
import { credentialsOf, waitForUsageRow } from "../support/gateway-observe";
import {
  issueTenantKey,
  startGatewayProcess,
  type GatewayProcess,
} from "../support/gateway-process";
import { simProviderEnv } from "../support/sim-provider-env";
import { waitFor } from "../support/wait-for";

const KEYS = {
  openrouter: ["sk-or-inband-aaaa", "sk-or-inband-bbbb"],
  deepseek: ["sk-ds-inband-aaaa"],
  anthropic: ["sk-ant-inband-aaaa", "sk-ant-inband-bbbb"],
  gemini: ["gm-inband-aaaa"],
};

let sim: Simulator;
let gw: GatewayProcess | undefined;
let client: OpenAI;
let apiKey: string;

beforeAll(async () => {
  sim = await startSimulator();
  gw = await startGatewayProcess({ env: simProviderEnv(sim, KEYS) });
  apiKey = (await issueTenantKey(gw.url, "in-band")).key;
  client = new OpenAI({ apiKey, baseURL: `${gw.url}/v1`, maxRetries: 0 });
});
afterEach(() => sim.control.clearFaults());
afterAll(async () => {
  await gw?.stop();
  await sim?.close();
});

/** A raw streamed call: every `data:` payload as sent, and the response headers. */
async function rawStream(body: Record<string, unknown>) {
  const res = await fetch(`${gw!.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ ...body, stream: true }),
  });
  const text = await res.text();
  const payloads = text
    .split("\n\n")
    .filter((f) => f.startsWith("data: "))
    .map((f) => f.slice("data: ".length));
  return { status: res.status, headers: res.headers, payloads };
}

const finishReasons = (payloads: string[]) =>
  payloads
    .filter((p) => p !== "[DONE]")
    .flatMap((p) =>
      ((JSON.parse(p) as { choices?: { finish_reason: unknown }[] }).choices ?? []).map(
        (c) => c.finish_reason,
      ),
    )
    .filter((r) => r !== null);

function callsOf(key: string): number {
  return sim.control.stats().calls[key] ?? 0;
}

describe("failure markers inside a 200", () => {
  it("ends an OpenRouter stream whose chunk carries an error with the error event: no [DONE], no 'error' finish reason, metered failed", async () => {
    // Spaced out, so the content reaches the client before the error chunk arrives (an
    // error in the same read as the first content is still before the first byte: failover).
    sim.control.setFault({
      match: { provider: "openrouter" },
      stream: { ...STREAM_FAILURES.openrouterMidStreamError, failAfterChunks: 2, dripMs: 100 },
    });
    const got = await rawStream({
      model: "llama-3.3-70b",
      messages: [{ role: "user", content: "Tell me a story" }],
    });
    expect(got.status).toBe(200);
    expect(got.payloads).not.toContain("[DONE]");
    expect(finishReasons(got.payloads)).toEqual([]);
    const last = JSON.parse(got.payloads.at(-1)!) as { error?: { code: string } };
    expect(last.error?.code).toBe("upstream_error");
    const row = await waitForUsageRow(got.headers.get("x-request-id")!, 20_000);
    expect(row.errorClass).toBe("server_error");
    expect(row.httpStatus).toBe(502);
  });

  it("fails over when the error chunk comes before any content", async () => {
    const [first, second] = KEYS.openrouter as [string, string];
    sim.control.setFault({
      match: { key: first },
      stream: { ...STREAM_FAILURES.openrouterMidStreamError, failAfterChunks: 0 },
    });
    sim.control.setFault({
      match: { key: second },
      stream: { ...STREAM_FAILURES.openrouterMidStreamError, failAfterChunks: 0 },
    });
    const before = [callsOf(first), callsOf(second)];
    // Both credentials are tried before the first byte, so the caller gets a status, not a broken stream.
    await expect(
      client.chat.completions.create({
        model: "llama-3.3-70b",
        stream: true,
        messages: [{ role: "user", content: "Hi" }],
      }),
    ).rejects.toThrow(
      /No provider could serve 'llama-3.3-70b': tried openrouter \(server_error 200\)\./,
    );
    expect([callsOf(first) - before[0]!, callsOf(second) - before[1]!]).toEqual([1, 1]);
    sim.control.clearFaults();
    sim.control.setFault({
      match: { key: first },
      stream: { ...STREAM_FAILURES.openrouterMidStreamError, failAfterChunks: 0 },
    });
    const ok = await client.chat.completions
      .create({
        model: "llama-3.3-70b",
        stream: true,
        messages: [{ role: "user", content: "Hi again" }],
      })
      .withResponse();
    const got = await collectStream(ok.data);
    expect(got.finishReason).toBe("stop");
    expect(ok.response.headers.get("x-gateway-attempts")).toMatch(/^[12]$/);
  });

  it("never makes a DeepSeek stream that closes without [DONE] look complete", async () => {
    sim.control.setFault({ match: { provider: "deepseek" }, stream: { endAfterChunks: 3 } });
    const got = await rawStream({
      model: "deepseek-chat",
      messages: [{ role: "user", content: "Explain entropy" }],
    });
    expect(got.payloads.length).toBeGreaterThan(1);
    expect(got.payloads).not.toContain("[DONE]");
    expect(JSON.parse(got.payloads.at(-1)!)).toMatchObject({ error: { code: "upstream_error" } });
    // No usage reached the gateway, so it counts the tokens itself (the tokenizer loads first).
    const row = await waitForUsageRow(got.headers.get("x-request-id")!, 20_000);
    expect([row.httpStatus, row.errorClass]).toEqual([502, "server_error"]);
  });
});

describe("provider input rules", () => {
  it("sends another provider's tool-call id to Anthropic and a developer message to DeepSeek", async () => {
    const history: OpenAI.ChatCompletionMessageParam[] = [
      { role: "developer", content: "Answer briefly." },
      { role: "user", content: "Look it up" },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          {
            id: "functions.lookup:0",
            type: "function",
            function: { name: "lookup", arguments: '{"q":"x"}' },
          },
        ],
      },
      { role: "tool", tool_call_id: "functions.lookup:0", content: "found" },
    ];
    for (const model of ["claude-3-5-sonnet", "deepseek-chat"]) {
      const res = await client.chat.completions.create({ model, messages: history });
      expect(res.choices[0]!.finish_reason, model).toBe("stop");
    }
  });

  it("sends Gemini an integer enum and a conversation of system text alone", async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      {
        type: "function",
        function: {
          name: "pick",
          parameters: { type: "object", properties: { n: { type: "integer", enum: [1, 2, 3] } } },
        },
      },
    ];
    const withEnum = await client.chat.completions.create({
      model: "gemini-2.0-flash",
      tools,
      messages: [{ role: "user", content: "Pick one" }],
    });
    expect(withEnum.choices[0]!.finish_reason).toMatch(/stop|tool_calls/);
    const systemOnly = await client.chat.completions.create({
      model: "gemini-2.0-flash",
      messages: [{ role: "system", content: "Say hello." }],
    });
    expect(systemOnly.choices[0]!.message.content?.length).toBeGreaterThan(0);
  });

  it("answers 400 naming the parameter, before any upstream call, when no deployment can serve it", async () => {
    const before = sim.control.stats().total;
    const err = await client.chat.completions
      .create({
        model: "deepseek-chat",
        messages: [
          {
            role: "user",
            content: [
              { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
            ],
          },
        ],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("messages");
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).message).toContain(
      "does not accept images",
    );
    expect(sim.control.stats().total).toBe(before);
  });
});

describe("account-level kinds", () => {
  it("fails over from an Anthropic organization refused as 400, and the key's breaker opens as permanent_auth", async () => {
    const [bad, good] = KEYS.anthropic as [string, string];
    sim.control.setFault({ match: { key: bad }, ...ACCOUNT_ERRORS.anthropicOrganizationDisabled });
    const goodBefore = callsOf(good);
    for (let i = 0; i < 2; i++) {
      const res = await client.chat.completions.create({
        model: "claude-3-5-sonnet",
        messages: [{ role: "user", content: `Hello ${i}` }],
      });
      expect(res.choices[0]!.finish_reason).toBe("stop");
    }
    expect(callsOf(good) - goodBefore).toBe(2);
    const creds = await waitFor(
      async () => {
        const list = await credentialsOf(gw!.url, "anthropic");
        return list.find((c) => c.last4 === bad.slice(-4))?.state === "open" ? list : undefined;
      },
      { what: "the refused credential open" },
    );
    expect(creds.find((c) => c.last4 === bad.slice(-4))?.lastErrorClass).toBe("permanent_auth");
  });
});
