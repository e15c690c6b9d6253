import { once } from "node:events";
import { request } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PROVIDER_ERRORS, startSimulator, type Simulator, type StallEvent } from "./index";
import { collectSse, post, sseEvents, type SseEvent } from "./test-support";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterEach(() => {
  sim.control.clearFaults();
  sim.control.resetStats();
});
afterAll(() => sim.close());

const chat = { model: "m", messages: [{ role: "user", content: "Tell me something" }] };
const openaiChat = (provider: string, key: string, body: object = chat, signal?: AbortSignal) =>
  post(
    `${sim.baseUrlFor(provider)}/chat/completions`,
    body,
    { authorization: `Bearer ${key}` },
    signal,
  );

/** Reads SSE events until the stream ends or fails; returns what arrived and how it ended. */
async function readUntilEnd(
  body: AsyncIterable<Buffer>,
): Promise<{ events: SseEvent[]; error?: unknown }> {
  const events: SseEvent[] = [];
  try {
    for await (const ev of sseEvents(body)) events.push(ev);
    return { events };
  } catch (error) {
    return { events, error };
  }
}

describe("fault matching", () => {
  it("matches by key before provider, and leaves everything else alone", async () => {
    sim.control.setFault({ match: { provider: "deepseek" }, ...PROVIDER_ERRORS.openai.overloaded });
    sim.control.setFault({
      match: { key: "sk-dead" },
      ...PROVIDER_ERRORS.deepseek.authenticationFails,
    });

    const dead = await openaiChat("deepseek", "sk-dead");
    expect(dead.status).toBe(401);
    expect(await dead.json()).toEqual(PROVIDER_ERRORS.deepseek.authenticationFails.body);
    expect((await openaiChat("deepseek", "sk-alive")).status).toBe(503);
    expect((await openaiChat("openai", "sk-alive")).status).toBe(200);
    // A key fault applies on any provider the key is presented to.
    expect((await openaiChat("openai", "sk-dead")).status).toBe(401);
  });

  it("applies a `times` fault to the next N matching requests, then clears it", async () => {
    const id = sim.control.setFault({
      match: { key: "sk-flaky" },
      status: 500,
      body: PROVIDER_ERRORS.openai.serverError.body,
      times: 2,
    });
    expect(sim.control.listFaults().map((f) => f.id)).toEqual([id]);
    expect((await openaiChat("openai", "sk-flaky")).status).toBe(500);
    expect((await openaiChat("openai", "sk-other")).status).toBe(200);
    expect((await openaiChat("openai", "sk-flaky")).status).toBe(500);
    expect((await openaiChat("openai", "sk-flaky")).status).toBe(200);
    expect(sim.control.listFaults()).toEqual([]);
  });

  it("lets a newer fault shadow an older one until it expires", async () => {
    sim.control.setFault({ match: { key: "k" }, status: 503 });
    sim.control.setFault({ match: { key: "k" }, status: 429, times: 1 });
    expect((await openaiChat("openai", "k")).status).toBe(429);
    expect((await openaiChat("openai", "k")).status).toBe(503);
  });

  it("replays catalogue errors verbatim, headers included", async () => {
    sim.control.setFault({ match: { key: "AIza-bad" }, ...PROVIDER_ERRORS.gemini.apiKeyInvalid });
    const res = await post(
      `${sim.baseUrlFor("gemini")}/v1beta/models/gemini-2.0-flash:generateContent`,
      { contents: [{ parts: [{ text: "hi" }] }] },
      { "x-goog-api-key": "AIza-bad" },
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { status: "INVALID_ARGUMENT", details: [{ reason: "API_KEY_INVALID" }, {}] },
    });

    sim.control.setFault({
      match: { provider: "anthropic" },
      ...PROVIDER_ERRORS.anthropic.overloadedError,
    });
    const overloaded = await post(
      `${sim.baseUrlFor("anthropic")}/v1/messages`,
      {},
      { "x-api-key": "k", "anthropic-version": "2023-06-01" },
    );
    expect(overloaded.status).toBe(529);
    expect(overloaded.headers["x-should-retry"]).toBe("true");
    expect(await overloaded.json()).toMatchObject({
      type: "error",
      error: { type: "overloaded_error" },
    });
  });

  it("sends string bodies as-is and adds fault headers to normal answers", async () => {
    sim.control.setFault({
      match: { key: "proxy" },
      status: 502,
      body: "<html>Bad Gateway</html>",
      headers: { "content-type": "text/html" },
    });
    const html = await openaiChat("openai", "proxy");
    expect(html.status).toBe(502);
    expect(html.headers["content-type"]).toBe("text/html");
    expect(await html.text()).toBe("<html>Bad Gateway</html>");

    sim.control.setFault({
      match: { key: "limited" },
      headers: { "x-ratelimit-remaining-requests": "0" },
    });
    const ok = await openaiChat("openai", "limited");
    expect(ok.status).toBe(200);
    expect(ok.headers["x-ratelimit-remaining-requests"]).toBe("0");
    expect(await ok.json()).toMatchObject({ object: "chat.completion" });
  });

  it("delays the answer by latencyMs", async () => {
    sim.control.setFault({ match: { key: "slow" }, latencyMs: 150, times: 1 });
    const started = performance.now();
    const res = await openaiChat("openai", "slow");
    await res.text();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(res.status).toBe(200);
  });
});

describe("stream faults", () => {
  const streaming = { ...chat, stream: true };

  it("failAfterChunks sends k events, then the provider's in-stream error", async () => {
    sim.control.setFault({ match: { key: "f-openai" }, stream: { failAfterChunks: 2 } });
    const openai = await collectSse((await openaiChat("openai", "f-openai", streaming)).body);
    expect(openai).toHaveLength(3);
    expect(JSON.parse(openai[2]!.data)).toEqual({
      error: { message: expect.any(String), type: "server_error", param: null, code: null },
    });

    sim.control.setFault({ match: { key: "f-anthropic" }, stream: { failAfterChunks: 3 } });
    const body = {
      model: "c",
      max_tokens: 50,
      stream: true,
      messages: [{ role: "user", content: "hi" }],
    };
    const anthropic = await collectSse(
      (
        await post(`${sim.baseUrlFor("anthropic")}/v1/messages`, body, {
          "x-api-key": "f-anthropic",
          "anthropic-version": "2023-06-01",
        })
      ).body,
    );
    expect(anthropic.map((e) => e.event)).toEqual([
      "message_start",
      "content_block_start",
      "ping",
      "error",
    ]);
    expect(JSON.parse(anthropic[3]!.data)).toEqual({
      type: "error",
      error: { type: "overloaded_error", message: "Overloaded" },
    });

    const custom = { error: { code: 500, message: "Internal error", status: "INTERNAL" } };
    sim.control.setFault({
      match: { key: "f-gemini" },
      stream: { failAfterChunks: 1, errorEvent: custom },
    });
    const geminiUrl = `${sim.baseUrlFor("gemini")}/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse`;
    const gemini = await collectSse(
      (
        await post(
          geminiUrl,
          { contents: [{ parts: [{ text: "hi" }] }] },
          { "x-goog-api-key": "f-gemini" },
        )
      ).body,
    );
    expect(gemini).toHaveLength(2);
    expect(JSON.parse(gemini[1]!.data)).toEqual(custom);
  });

  it("dropAfterChunks cuts the connection after k events", async () => {
    sim.control.setFault({ match: { key: "drop" }, stream: { dropAfterChunks: 3 } });
    const res = await openaiChat("openai", "drop", streaming);
    expect(res.status).toBe(200);
    const { events, error } = await readUntilEnd(res.body);
    expect(events).toHaveLength(3);
    expect(error).toBeDefined();
  });

  it("dropAfterChunks on a non-streaming request resets the connection before any byte", async () => {
    sim.control.setFault({ match: { key: "drop" }, stream: { dropAfterChunks: 0 } });
    await expect(openaiChat("openai", "drop")).rejects.toThrow();
  });

  it("stallAfterChunks sends k events and then nothing, until the client gives up", async () => {
    sim.control.setFault({ match: { key: "stall" }, stream: { stallAfterChunks: 2 } });
    const stalled = once(sim.control.events, "stall") as Promise<[StallEvent]>;
    const abort = new AbortController();
    const res = await openaiChat("openai", "stall", streaming, abort.signal);
    const events = sseEvents(res.body)[Symbol.asyncIterator]();
    const first = await events.next();
    const second = await events.next();
    expect(first.done || second.done).toBe(false);
    // The server has written everything it ever will: exactly the two events received.
    const [stall] = await stalled;
    expect(stall).toEqual({ provider: "openai", key: "stall", chunks: 2 });
    const third = events.next();
    abort.abort();
    await expect(third).rejects.toMatchObject({ name: "AbortError" });
  });

  it("stallAfterChunks on a non-streaming request never answers", async () => {
    sim.control.setFault({ match: { key: "hang" }, stream: { stallAfterChunks: 0 } });
    const stalled = once(sim.control.events, "stall");
    const abort = new AbortController();
    const pending = openaiChat("openai", "hang", chat, abort.signal);
    await stalled;
    abort.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });

  it("dripMs spaces the events out", async () => {
    sim.control.setFault({ match: { key: "drip" }, stream: { dripMs: 15 } });
    const started = performance.now();
    const events = await collectSse((await openaiChat("openai", "drip", streaming)).body);
    expect(events.at(-1)!.data).toBe("[DONE]");
    expect(performance.now() - started).toBeGreaterThanOrEqual(15 * (events.length - 1) - 5);
  });

  it("close() ends stalled streams instead of waiting for them", async () => {
    const own = await startSimulator();
    own.control.setFault({ match: {}, stream: { stallAfterChunks: 1 } });
    const stalled = once(own.control.events, "stall");
    const res = await post(`${own.baseUrlFor("openai")}/chat/completions`, streaming, {
      authorization: "Bearer k",
    });
    const reading = readUntilEnd(res.body);
    await stalled;
    await own.close();
    const { events, error } = await reading;
    expect(events).toHaveLength(1);
    expect(error).toBeDefined();
  });
});

describe("call statistics and the HTTP control API", () => {
  it("counts every upstream call per presented key, and per provider without one", async () => {
    await openaiChat("openai", "sk-a");
    await openaiChat("deepseek", "sk-a");
    await openaiChat("openai", "sk-b");
    await post(`${sim.baseUrlFor("openai")}/chat/completions`, chat);
    sim.control.setFault({ match: { key: "sk-c" }, ...PROVIDER_ERRORS.openai.invalidApiKey });
    await openaiChat("openai", "sk-c");
    expect(sim.control.stats()).toEqual({
      calls: { "sk-a": 2, "sk-b": 1, "provider:openai": 1, "sk-c": 1 },
      byProvider: { openai: 4, deepseek: 1 },
      total: 5,
    });
    sim.control.resetStats();
    expect(sim.control.stats()).toEqual({ calls: {}, byProvider: {}, total: 0 });
  });

  it("installs, lists and clears faults and reads stats over HTTP", async () => {
    const control = `${sim.url}/_sim`;
    const created = await post(`${control}/faults`, {
      match: { key: "http-key" },
      ...PROVIDER_ERRORS.openai.insufficientQuota,
      times: 3,
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const quota = await openaiChat("openai", "http-key");
    expect(quota.status).toBe(429);
    expect(await quota.json()).toMatchObject({ error: { code: "insufficient_quota" } });

    const listed = (await (await request(`${control}/faults`)).body.json()) as {
      faults: { id: string; hits: number }[];
    };
    expect(listed.faults).toEqual([
      expect.objectContaining({ id, hits: 1, name: "openai.insufficientQuota" }),
    ]);

    expect((await request(`${control}/faults/${id}`, { method: "DELETE" })).statusCode).toBe(200);
    expect((await request(`${control}/faults/${id}`, { method: "DELETE" })).statusCode).toBe(404);
    expect((await openaiChat("openai", "http-key")).status).toBe(200);

    await post(`${control}/faults`, { match: { provider: "openai" }, status: 503 });
    expect((await request(`${control}/faults`, { method: "DELETE" })).statusCode).toBe(200);
    expect(sim.control.listFaults()).toEqual([]);

    const stats = (await (await request(`${control}/stats`)).body.json()) as {
      calls: Record<string, number>;
      total: number;
    };
    expect(stats.calls["http-key"]).toBe(2);
    expect((await post(`${control}/stats/reset`, {})).status).toBe(200);
    expect(sim.control.stats().total).toBe(0);

    const invalid = await post(`${control}/faults`, { match: { key: 1 }, status: 42 });
    expect(invalid.status).toBe(400);
  });
});
