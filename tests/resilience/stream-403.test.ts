/**
 * Errors inside an event stream, through both doors. Before the first byte reaches the
 * client the gateway may still fail over, and does so invisibly; after it, the stream
 * ends with an error event (the openai client throws an APIError) and nothing invented.
 * A 403-style error mid-stream (Anthropic `permission_error`) still teaches the breaker:
 * the key is opened and the next request goes to the other key.
 */
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulatedReply, startSimulator, type Simulator } from "@/lib/simulator";
import { splitWords } from "@/lib/simulator/wire";
import { collectStream } from "../support/chat-stream";
import { credentialsOf, metricSample, waitForUsageRow } from "../support/gateway-observe";
import {
  issueTenantKey,
  startGatewayProcess,
  type GatewayProcess,
} from "../support/gateway-process";
import { simProviderEnv } from "../support/sim-provider-env";
import { waitFor } from "../support/wait-for";

const MODEL = "anthropic/claude-3-5-sonnet-latest";
const PERMISSION_EVENT = {
  type: "error",
  error: {
    type: "permission_error",
    message: "Your API key does not have permission to use the specified resource.",
  },
};

const IDLE_TIMEOUT_MS = 1_500;

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim?.close();
});

/** Calls per simulator key since a snapshot. */
function callsSince(before: Record<string, number>, keys: readonly string[]): number[] {
  const now = sim.control.stats().calls;
  return keys.map((k) => (now[k] ?? 0) - (before[k] ?? 0));
}

describe.each(["node", "next"] as const)("stream errors through the %s door", (door) => {
  // Keys per door: the breaker rows of one door's run must not decide the other's.
  const keys = [`sk-ant-s403-${door}-aaaa`, `sk-ant-s403-${door}-bbbb`] as const;
  let gw: GatewayProcess | undefined;
  let client: OpenAI;

  beforeAll(async () => {
    // A short idle timeout so that a stalled upstream stream is cut within the test's time.
    gw = await startGatewayProcess({
      door,
      env: {
        ...simProviderEnv(sim, { anthropic: [...keys] }),
        GATEWAY_UPSTREAM_IDLE_TIMEOUT_MS: String(IDLE_TIMEOUT_MS),
      },
    });
    const issued = await issueTenantKey(gw.url, `stream-403-${door}`);
    client = new OpenAI({ apiKey: issued.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    sim.control.clearFaults();
    await gw?.stop();
  });

  async function streamOnce(user: string) {
    const { data, response } = await client.chat.completions
      .create({ model: MODEL, stream: true, messages: [{ role: "user", content: user }] })
      .withResponse();
    return { got: await collectStream(data), headers: response.headers };
  }

  it("fails over invisibly when the stream errors before its first event reaches the client", async () => {
    const before = sim.control.stats().calls;
    // 200 + headers, then at once Anthropic's in-stream overloaded_error: nothing for the client yet.
    sim.control.setFault({
      match: { provider: "anthropic" },
      times: 1,
      stream: { failAfterChunks: 0 },
    });
    const user = "First byte failover please.";
    const { got, headers } = await streamOnce(user);
    expect(got.error).toBeUndefined();
    expect(got.text).toBe(simulatedReply("anthropic", "claude-3-5-sonnet-latest", user));
    expect(got.finishReason).toBe("stop");
    expect(headers.get("x-gateway-provider")).toBe("anthropic");
    expect(headers.get("x-gateway-attempts")).toBe("2");
    // One call to each key: the failed one and the one that served.
    expect(callsSince(before, keys).sort()).toEqual([1, 1]);
  });

  it("fails over invisibly when the stream request is refused with a 529 before any byte", async () => {
    const before = sim.control.stats().calls;
    sim.control.setFault({
      match: { provider: "anthropic" },
      times: 1,
      status: 529,
      body: { type: "error", error: { type: "overloaded_error", message: "Overloaded" } },
    });
    const { got, headers } = await streamOnce("Overloaded before the stream.");
    expect(got.error).toBeUndefined();
    expect(got.finishReason).toBe("stop");
    expect(headers.get("x-gateway-attempts")).toBe("2");
    expect(callsSince(before, keys).sort()).toEqual([1, 1]);
  });

  it("ends a stream that fails mid-way with a 403 in an error event, opens that key, and serves the next request from the other", async () => {
    const before = sim.control.stats().calls;
    const attempts = async (outcome: string) =>
      (await metricSample(gw!.url, "gateway_upstream_attempts_total", {
        provider: "anthropic",
        outcome,
      })) ?? 0;
    const [okBefore, authBefore] = [await attempts("ok"), await attempts("permanent_auth")];
    const user = "Tell me a long story about permissions.";
    const reply = simulatedReply("anthropic", "claude-3-5-sonnet-latest", user);
    // Anthropic events: message_start, content_block_start, ping, then text deltas of 2 words.
    // Failing after 5 events = after the first two deltas. The drip keeps message_start in
    // a read of its own, so the client has its first byte before the failure (no failover).
    sim.control.setFault({
      match: { provider: "anthropic" },
      times: 1,
      stream: { failAfterChunks: 5, dripMs: 60, errorEvent: PERMISSION_EVENT },
    });
    const { got, headers } = await streamOnce(user);
    expect(headers.get("x-gateway-attempts")).toBe("1");

    // What arrived before the failure, exactly, and nothing after it.
    expect(got.error).toBeInstanceOf(OpenAI.APIError);
    expect((got.error as Error).message).toMatch(/failed mid-stream \(permanent_auth/);
    expect(got.chunks[0]!.choices[0]!.delta.role).toBe("assistant");
    expect(got.pieces).toEqual(splitWords(reply, 2).slice(0, 2));
    expect(reply.startsWith(got.text)).toBe(true);
    expect(got.finishReason).toBeNull();

    const calls = callsSince(before, keys);
    expect(calls.reduce((a, b) => a + b, 0)).toBe(1);
    const [failed, healthy] = calls[0] === 1 ? [0, 1] : [1, 0];
    const failedLast4 = keys[failed]!.slice(-4);

    // The failing key is opened as a permanent auth failure (the breaker learns past the first byte).
    const creds = await waitFor(
      async () => {
        const list = await credentialsOf(gw!.url, "anthropic");
        const bad = list.find((c) => c.last4 === failedLast4);
        return bad?.state === "open" ? list : undefined;
      },
      { what: "the failing credential open in /api/admin/credentials" },
    );
    expect(creds.find((c) => c.last4 === failedLast4)?.lastErrorClass).toBe("permanent_auth");
    expect(creds.find((c) => c.last4 === keys[healthy]!.slice(-4))?.state).toBe("closed");

    // The request was metered as a streamed request that failed mid-way.
    const row = await waitForUsageRow(headers.get("x-request-id")!);
    expect(row.errorClass).toBe("permanent_auth");
    expect(row.streamed).toBe(true);
    // The attempt counts as the provider's failure, not as a served attempt: the
    // overview's per-provider error rate sees failures that come after the first byte.
    expect(await attempts("permanent_auth")).toBe(authBefore + 1);
    expect(await attempts("ok")).toBe(okBefore);

    // The gateway is up, and the next requests avoid the opened key.
    expect((await fetch(`${gw!.url}/health`)).status).toBe(200);
    const beforeNext = sim.control.stats().calls;
    for (let i = 0; i < 3; i++) {
      const next = await streamOnce(`next request ${i}`);
      expect(next.got.error).toBeUndefined();
      expect(next.got.finishReason).toBe("stop");
      expect(next.headers.get("x-gateway-provider")).toBe("anthropic");
      expect(next.headers.get("x-gateway-attempts")).toBe("1");
    }
    const nextCalls = callsSince(beforeNext, keys);
    expect(nextCalls[failed]).toBe(0);
    expect(nextCalls[healthy]).toBe(3);
  });

  it("puts nothing on the wire after the error event: no more content, no [DONE]", async () => {
    // The openai client stops reading at the error, so look at the raw SSE the gateway wrote.
    const issued = await issueTenantKey(gw!.url, `stream-403-raw-${door}`);
    const user = "Raw bytes after a failure please.";
    sim.control.setFault({
      match: { provider: "anthropic" },
      times: 1,
      stream: { failAfterChunks: 5, dripMs: 60 },
    });
    const res = await fetch(`${gw!.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${issued.key}`, "content-type": "application/json" },
      body: JSON.stringify({
        model: MODEL,
        stream: true,
        messages: [{ role: "user", content: user }],
      }),
    });
    expect(res.status).toBe(200);
    const payloads = (await res.text())
      .split("\n")
      .filter((l) => l.startsWith("data: "))
      .map((l) => l.slice(6));
    expect(payloads).not.toContain("[DONE]");
    const last = JSON.parse(payloads[payloads.length - 1]!) as {
      error?: { type: string; code: string; message: string };
    };
    expect(last.error).toMatchObject({ type: "api_error", code: "upstream_error" });
    expect(last.error!.message).toMatch(/overloaded/);
    const content = payloads
      .slice(0, -1)
      .map(
        (p) =>
          (JSON.parse(p) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta
            .content ?? "",
      )
      .join("");
    expect(content).toBe(
      splitWords(simulatedReply("anthropic", "claude-3-5-sonnet-latest", user), 2)
        .slice(0, 2)
        .join(""),
    );
  });

  it("cuts a stalled stream after the upstream idle timeout and ends it with an error event", async () => {
    const stalled = new Promise<void>((resolve) =>
      sim.control.events.once("stall", () => resolve()),
    );
    // message_start, content_block_start, ping, one text delta: then silence with the socket open.
    sim.control.setFault({
      match: { provider: "anthropic" },
      times: 1,
      stream: { stallAfterChunks: 4 },
    });
    const started = Date.now();
    const { got } = await streamOnce("Stall after a little please.");
    const elapsed = Date.now() - started;
    await stalled;
    expect(got.pieces.length).toBeGreaterThan(0);
    expect(got.error).toBeInstanceOf(OpenAI.APIError);
    expect((got.error as Error).message).toMatch(/failed mid-stream \(timeout/);
    expect(got.finishReason).toBeNull();
    // Cut by the idle timeout: not before it, and not much after it.
    expect(elapsed).toBeGreaterThanOrEqual(IDLE_TIMEOUT_MS);
    expect(elapsed).toBeLessThan(IDLE_TIMEOUT_MS + 5_000);
    expect((await fetch(`${gw!.url}/health`)).status).toBe(200);
  });
});
