/**
 * Usage figures from an upstream are checked before they are trusted. A scripted
 * OpenAI-compatible upstream (standing in for any endpoint an operator adds, or a proxy
 * in front of one) answers with a negative, a fractional and an absurd token count: each
 * row bills the gateway's own count instead, is marked `tokensEstimated`, and its money
 * is its stored tokens times its stored prices. A key whose answers carry negative
 * counts is refused at its token quota and at its budget like a control key, never lifted.
 */
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { countTokens } from "gpt-tokenizer";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForUsageRow } from "../support/gateway-observe";
import {
  issueTenantKey,
  startGatewayProcess,
  type GatewayProcess,
} from "../support/gateway-process";

const REPLY = "Here is a perfectly ordinary answer of a dozen words or so for you.";
/** The usage the scripted upstream reports, chosen by a marker in the user's message. */
const USAGE: Record<string, Record<string, unknown>> = {
  honest: { prompt_tokens: 40, completion_tokens: 15, total_tokens: 55 },
  negative: { prompt_tokens: 40, completion_tokens: -1_000_000, total_tokens: -999_960 },
  fractional: { prompt_tokens: 40.5, completion_tokens: 15.25, total_tokens: 55.75 },
  absurd: { prompt_tokens: 40, completion_tokens: 9_000_000_000, total_tokens: 9_000_000_040 },
  lift: { prompt_tokens: -5_000_000, completion_tokens: -5_000_000, total_tokens: -10_000_000 },
};

let upstream: http.Server;
let gw: GatewayProcess | undefined;

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      const text = JSON.stringify(JSON.parse(body).messages);
      const marker = Object.keys(USAGE).find((m) => text.includes(`[${m}]`)) ?? "honest";
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id: "chatcmpl-scripted",
          object: "chat.completion",
          created: 1_800_000_000,
          model: "deepseek-chat",
          choices: [
            {
              index: 0,
              message: { role: "assistant", content: REPLY },
              finish_reason: "stop",
            },
          ],
          usage: USAGE[marker],
        }),
      );
    });
  });
  upstream.listen(0, "127.0.0.1");
  await once(upstream, "listening");
  const { port } = upstream.address() as AddressInfo;
  gw = await startGatewayProcess({
    door: "node",
    env: {
      GATEWAY_SIMULATED_PROVIDERS: "0",
      DEEPSEEK_API_KEY: "sk-scripted-0001",
      DEEPSEEK_BASE_URL: `http://127.0.0.1:${port}/v1`,
    },
  });
});
afterAll(async () => {
  await gw?.stop();
  upstream?.close();
});

async function ask(client: OpenAI, marker: string) {
  return client.chat.completions
    .create({
      model: "deepseek/deepseek-chat",
      max_tokens: 100,
      messages: [{ role: "user", content: `[${marker}] Say something ordinary.` }],
    })
    .withResponse();
}

describe("impossible usage from an upstream", () => {
  it.each(["negative", "fractional", "absurd"])(
    "bills a %s count as the counted tokens, marked estimated, with money = tokens x prices",
    async (marker) => {
      const { key } = await issueTenantKey(gw!.url, `hostile-${marker}`);
      const client = new OpenAI({ apiKey: key, baseURL: `${gw!.url}/v1`, maxRetries: 0 });
      const { response } = await ask(client, marker);
      const row = await waitForUsageRow(response.headers.get("x-request-id")!);
      expect(row.tokensEstimated).toBe(true);
      expect(row.completionTokens).toBe(countTokens(REPLY));
      if (marker !== "fractional") expect(row.promptTokens).toBe(40);
      else expect(row.promptTokens).toBeGreaterThan(0);
      const cost =
        BigInt(row.promptTokens - row.cachedTokens) * row.inputPricePer1MMicros! +
        BigInt(row.cachedTokens) * (row.cachedInputPricePer1MMicros ?? row.inputPricePer1MMicros!) +
        BigInt(row.completionTokens) * row.outputPricePer1MMicros!;
      expect(row.upstreamCostPicos).toBe(cost);
      expect(row.billedPicos).toBe(
        BigInt(row.promptTokens + row.completionTokens) * row.billedPricePer1MMicros!,
      );
    },
  );

  it.each([
    ["token quota", { monthlyTokenQuota: 2_000 }],
    ["budget", { monthlySpendLimitMicros: 10_000 }],
  ])(
    "refuses a key whose answers report negative counts at its %s, as it refuses a control key",
    async (_name, limits) => {
      /** Requests served before the first 429, at most `cap`. */
      async function servedUntilRefused(marker: string, cap: number): Promise<number> {
        const { key } = await issueTenantKey(gw!.url, `lift-${marker}`, limits);
        const client = new OpenAI({ apiKey: key, baseURL: `${gw!.url}/v1`, maxRetries: 0 });
        for (let i = 0; i < cap; i++) {
          try {
            await ask(client, marker);
          } catch (err) {
            expect((err as { status?: number }).status).toBe(429);
            return i;
          }
        }
        return cap;
      }
      const control = await servedUntilRefused("honest", 200);
      expect(control).toBeLessThan(200);
      const hostile = await servedUntilRefused("lift", 200);
      // The hostile key's rows are billed their counted tokens (fewer than the control's 55),
      // so it may get somewhat more requests, but never an allowance that grows.
      expect(hostile).toBeLessThanOrEqual(control * 3);
    },
  );
});
