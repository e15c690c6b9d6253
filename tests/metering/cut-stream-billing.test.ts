/**
 * A cut stream is billed for the output the gateway received, for every provider's
 * stream shape: OpenAI-compatible (usage only in the last chunk, tool-call arguments in
 * fragments), Gemini (every chunk repeats `usageMetadata`, the prompt count alone until
 * the last) and Anthropic (`message_start` reports an output of 1, the real count comes
 * with `message_delta`). Each is cut by the upstream at several points and once by the
 * client; the row must bill at least the tokens of the text and tool calls delivered,
 * marked estimated, never the prompt alone.
 */
import { countTokens } from "gpt-tokenizer";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "@/lib/simulator";
import { collectStream, type CollectedStream } from "../support/chat-stream";
import { waitForUsageRow } from "../support/gateway-observe";
import {
  issueTenantKey,
  startGatewayProcess,
  type GatewayProcess,
} from "../support/gateway-process";
import { simProviderEnv } from "../support/sim-provider-env";

const KEYS = {
  deepseek: "sk-ds-cut-0001",
  gemini: "AIzaSy-cut-0001",
  anthropic: "sk-ant-cut-0001",
};
const SHAPES = [
  { provider: "deepseek", model: "deepseek/deepseek-chat", cuts: [3, 6, 9] },
  { provider: "gemini", model: "gemini/gemini-2.0-flash", cuts: [1, 2] },
  { provider: "anthropic", model: "anthropic/claude-3-5-sonnet-latest", cuts: [4, 6, 8] },
] as const;
const PROMPT = "Tell me about the long winding river running past the old mill";
const WEATHER_TOOL = {
  type: "function" as const,
  function: {
    name: "get_weather",
    parameters: {
      type: "object",
      properties: { city: { type: "string" }, unit: { type: "string" } },
      required: ["city", "unit"],
    },
  },
};

let sim: Simulator;
let gw: GatewayProcess | undefined;
let client: OpenAI;
let tenantKey: string;

beforeAll(async () => {
  sim = await startSimulator();
  gw = await startGatewayProcess({
    door: "node",
    env: simProviderEnv(sim, {
      deepseek: [KEYS.deepseek],
      gemini: [KEYS.gemini],
      anthropic: [KEYS.anthropic],
    }),
  });
  tenantKey = (await issueTenantKey(gw.url, "cut-stream-billing")).key;
  client = new OpenAI({ apiKey: tenantKey, baseURL: `${gw.url}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await gw?.stop();
  await sim?.close();
});

/** Tokens of what the client received: text plus each tool call's arguments. */
function deliveredTokens(got: CollectedStream): number {
  return countTokens(got.text + got.toolCalls.map((c) => c.arguments).join(""));
}

async function cutByUpstream(model: string, tools: boolean) {
  const { data, response } = await client.chat.completions
    .create({
      model,
      stream: true,
      messages: [{ role: "user", content: tools ? "What is the weather in Paris?" : PROMPT }],
      ...(tools ? { tools: [WEATHER_TOOL], tool_choice: "required" as const } : {}),
    })
    .withResponse();
  const got = await collectStream(data);
  expect(got.error).toBeDefined();
  return { got, row: await waitForUsageRow(response.headers.get("x-request-id")!) };
}

describe.each(SHAPES)("a cut $provider stream", ({ provider, model, cuts }) => {
  const key = KEYS[provider];

  it.each(cuts)(
    "is billed the output delivered when the upstream drops after %i events",
    async (events) => {
      sim.control.setFault({ match: { key }, times: 1, stream: { dropAfterChunks: events } });
      const { got, row } = await cutByUpstream(model, false);
      const delivered = deliveredTokens(got);
      expect(delivered).toBeGreaterThan(0);
      expect(row).toMatchObject({ httpStatus: 502, providerId: provider, tokensEstimated: true });
      expect(row.promptTokens).toBeGreaterThan(0);
      expect(row.completionTokens).toBeGreaterThanOrEqual(delivered);
    },
  );

  it("is billed at least the output the client read when the client goes away", async () => {
    sim.control.setFault({ match: { key }, times: 1, stream: { dripMs: 150 } });
    const abort = new AbortController();
    const res = await fetch(`${gw!.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${tenantKey}`, "content-type": "application/json" },
      body: JSON.stringify({ model, stream: true, messages: [{ role: "user", content: PROMPT }] }),
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let raw = "";
    let text = "";
    while (countTokens(text) < 3) {
      const { done, value } = await reader.read();
      if (done) throw new Error("stream ended before the cut");
      raw += Buffer.from(value).toString("utf8");
      text = [...raw.matchAll(/"content":"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]).join("");
    }
    abort.abort();
    await reader.cancel().catch(() => {});
    const row = await waitForUsageRow(res.headers.get("x-request-id")!);
    expect(row).toMatchObject({
      httpStatus: 499,
      errorClass: "client_closed",
      tokensEstimated: true,
    });
    expect(row.completionTokens).toBeGreaterThanOrEqual(countTokens(text));
  });
});

// Gemini sends a function call whole, in the chunk that finishes the answer: there is no
// point inside it to cut, so the tool-call cut is for the two shapes that stream arguments.
describe.each([
  { provider: "deepseek", model: "deepseek/deepseek-chat", events: 3 },
  { provider: "anthropic", model: "anthropic/claude-3-5-sonnet-latest", events: 4 },
] as const)("a cut $provider tool call", ({ provider, model, events }) => {
  it("is billed at least the arguments delivered before the cut", async () => {
    sim.control.setFault({
      match: { key: KEYS[provider] },
      times: 1,
      stream: { dropAfterChunks: events },
    });
    const { got, row } = await cutByUpstream(model, true);
    expect(got.toolCalls.length).toBe(1);
    expect(row.tokensEstimated).toBe(true);
    expect(row.completionTokens).toBeGreaterThanOrEqual(deliveredTokens(got));
    expect(row.completionTokens).toBeGreaterThan(1);
  });
});
