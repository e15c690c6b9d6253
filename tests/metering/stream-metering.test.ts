/**
 * Every request that reached an upstream is metered exactly once, whatever happens to
 * the client, through both doors: a finished stream, streams the client cuts after a
 * few events (recorded as 499 with the tokens seen so far), a stream that fails
 * mid-way, and a stream the server cuts at shutdown.
 */
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { startSimulator, type Simulator } from "@/lib/simulator";
import { collectStream } from "../support/chat-stream";
import { waitForUsageRow } from "../support/gateway-observe";
import {
  issueTenantKey,
  startGatewayProcess,
  type GatewayProcess,
} from "../support/gateway-process";
import { simProviderEnv } from "../support/sim-provider-env";
import { waitFor } from "../support/wait-for";

const MODEL = "deepseek/deepseek-chat";
const CUTS = 12;

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim?.close();
});

/** Opens a stream with plain fetch, reads until `events` SSE events arrived, then drops the connection. */
async function cutAfter(url: string, key: string, events: number, user: string): Promise<string> {
  const abort = new AbortController();
  const res = await fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({
      model: MODEL,
      stream: true,
      messages: [{ role: "user", content: user }],
    }),
    signal: abort.signal,
  });
  expect(res.status).toBe(200);
  const requestId = res.headers.get("x-request-id")!;
  const reader = res.body!.getReader();
  let text = "";
  while ((text.match(/^data: /gm) ?? []).length < events) {
    const { done, value } = await reader.read();
    if (done) throw new Error("stream ended before the cut");
    text += Buffer.from(value).toString("utf8");
  }
  abort.abort();
  await reader.cancel().catch(() => {});
  return requestId;
}

describe.each(["node", "next"] as const)("stream metering through the %s door", (door) => {
  const key = `sk-ds-meter-${door}-0001`;
  let gw: GatewayProcess | undefined;
  let tenantKey: string;

  beforeAll(async () => {
    gw = await startGatewayProcess({
      door,
      env: { ...simProviderEnv(sim, { deepseek: [key] }), GATEWAY_DRAIN_TIMEOUT_MS: "1000" },
    });
    tenantKey = (await issueTenantKey(gw.url, `stream-metering-${door}`)).key;
  });
  afterAll(async () => {
    sim.control.clearFaults();
    await gw?.stop();
  });

  it("meters a finished stream once, with the upstream's tokens", async () => {
    const client = new OpenAI({ apiKey: tenantKey, baseURL: `${gw!.url}/v1`, maxRetries: 0 });
    const { data, response } = await client.chat.completions
      .create({
        model: MODEL,
        stream: true,
        messages: [{ role: "user", content: "A whole stream, please." }],
      })
      .withResponse();
    const got = await collectStream(data);
    expect(got.error).toBeUndefined();
    const row = await waitForUsageRow(response.headers.get("x-request-id")!);
    expect(row).toMatchObject({
      httpStatus: 200,
      errorClass: null,
      streamed: true,
      providerId: "deepseek",
    });
    expect(row.completionTokens).toBeGreaterThan(0);
    expect(row.upstreamCostPicos).toBeGreaterThan(0n);
  });

  it("meters every stream the client cuts after three events exactly once, as 499 with the tokens so far", async () => {
    sim.control.setFault({ match: { key }, times: CUTS, stream: { dripMs: 250 } });
    const ids = await Promise.all(
      Array.from({ length: CUTS }, (_, i) =>
        cutAfter(gw!.url, tenantKey, 3, `Cut me short, number ${i}, after three events.`),
      ),
    );
    expect(new Set(ids).size).toBe(CUTS);
    const rows = await waitFor(
      async () => {
        const found = await getPrisma().usageRecord.findMany({ where: { requestId: { in: ids } } });
        return found.length === CUTS ? found : undefined;
      },
      { what: `${CUTS} usage rows for cut streams` },
    );
    for (const row of rows) {
      expect(row).toMatchObject({
        httpStatus: 499,
        errorClass: "client_closed",
        providerId: "deepseek",
        streamed: true,
      });
      expect(row.promptTokens + row.completionTokens).toBeGreaterThan(0);
    }
  });

  it("answers a model name holding NUL with 400, meters it under a storable label, and keeps metering everyone", async () => {
    const res = await fetch(`${gw!.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${tenantKey}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "a\u0000b", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(res.status).toBe(400);
    const poisoned = await waitForUsageRow(res.headers.get("x-request-id")!);
    expect(poisoned.modelRequested).toBe("a\ufffdb");
    const client = new OpenAI({ apiKey: tenantKey, baseURL: `${gw!.url}/v1`, maxRetries: 0 });
    const ids = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const { response } = await client.chat.completions
          .create({ model: MODEL, messages: [{ role: "user", content: `after the poison ${i}` }] })
          .withResponse();
        return response.headers.get("x-request-id")!;
      }),
    );
    await waitFor(
      async () =>
        (await getPrisma().usageRecord.count({ where: { requestId: { in: ids } } })) === ids.length,
      { what: "rows after the poisoned request" },
    );
  });

  it("meters a stream that fails mid-way once, with the failure's class", async () => {
    sim.control.setFault({ match: { key }, times: 1, stream: { failAfterChunks: 3, dripMs: 40 } });
    const client = new OpenAI({ apiKey: tenantKey, baseURL: `${gw!.url}/v1`, maxRetries: 0 });
    const { data, response } = await client.chat.completions
      .create({
        model: MODEL,
        stream: true,
        messages: [{ role: "user", content: "Fail me mid-stream." }],
      })
      .withResponse();
    const got = await collectStream(data);
    expect(got.error).toBeDefined();
    const row = await waitForUsageRow(response.headers.get("x-request-id")!);
    // The client got a 200 and then an error event: the row says the upstream failed.
    expect(row.httpStatus).toBe(502);
    expect(row.errorClass).not.toBeNull();
    expect(row.errorClass).not.toBe("client_closed");
  });

  it("meters a stream the server cuts at shutdown", async () => {
    sim.control.setFault({ match: { key }, times: 1, stream: { stallAfterChunks: 3 } });
    const requestId = await new Promise<string>((resolve, reject) => {
      void (async () => {
        const res = await fetch(`${gw!.url}/v1/chat/completions`, {
          method: "POST",
          headers: { authorization: `Bearer ${tenantKey}`, "content-type": "application/json" },
          body: JSON.stringify({
            model: MODEL,
            stream: true,
            messages: [{ role: "user", content: "Still streaming at shutdown." }],
          }),
        });
        resolve(res.headers.get("x-request-id")!);
        // Keep reading until the server cuts the stream.
        await res.text().catch(() => "");
      })().catch(reject);
    });
    // The event is the exit: a shutdown flushes the meter before the process ends, so the
    // row is there then or never (no polling that would only wait on time).
    const exit = await gw!.stop();
    expect(exit.code).toBe(0);
    const row = await getPrisma().usageRecord.findUnique({ where: { requestId } });
    expect(row).toMatchObject({ httpStatus: 499, providerId: "deepseek", streamed: true });
  });
});
