/**
 * A request the provider refuses on its merits (context too long) is the caller's
 * problem: a 400 with the provider's explanation, after exactly one upstream call, no
 * failover to the other candidates that were ready, and no breaker change however
 * often it happens.
 */
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { PROVIDER_ERRORS, startSimulator, type Simulator } from "@/lib/simulator";
import {
  breakerEventsSince,
  credentialsOf,
  metricSample,
  providerStatus,
  waitForUsageRow,
} from "../support/gateway-observe";
import {
  issueTenantKey,
  startGatewayProcess,
  type GatewayProcess,
} from "../support/gateway-process";
import { simProviderEnv } from "../support/sim-provider-env";

// Groq, which no other test file gives keys: files share the database, and a gateway
// started with other keys for a provider disables the ones it was not given.
const KEYS = ["gsk-ctx-key-1111", "gsk-ctx-key-2222"];
// More than the provider breaker's default minimum volume (10): enough to trip it if client errors counted.
const BURST = 12;

describe("client errors from the provider", () => {
  let sim: Simulator | undefined;
  let gw: GatewayProcess | undefined;
  let client: OpenAI;
  let startedAt: Date;

  beforeAll(async () => {
    sim = await startSimulator();
    await getPrisma().breakerState.deleteMany({ where: { scopeKey: "provider:groq" } });
    startedAt = new Date();
    gw = await startGatewayProcess({ env: simProviderEnv(sim, { groq: KEYS }) });
    const issued = await issueTenantKey(gw.url, "client-error");
    client = new OpenAI({ apiKey: issued.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await gw?.stop();
    await sim?.close();
  });

  /** Sends one request expected to fail; returns the client's error. */
  async function refused(
    body: OpenAI.ChatCompletionCreateParams,
  ): Promise<InstanceType<typeof OpenAI.APIError>> {
    const err = await client.chat.completions.create(body).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    return err as InstanceType<typeof OpenAI.APIError>;
  }

  function expectHelpful400(err: InstanceType<typeof OpenAI.APIError>) {
    expect(err.status).toBe(400);
    expect(err.type).toBe("invalid_request_error");
    // The provider's own explanation reaches the caller.
    expect(err.message).toMatch(/maximum context length is 128000 tokens/);
    expect(err.message).toMatch(/reduce the length of the messages/);
    expect((err.error as { provider_code?: string }).provider_code).toBe("context_length_exceeded");
    // Never more than the one attempt, on an error response too.
    expect(err.headers?.get("x-gateway-attempts")).toBe("1");
    expect(err.headers?.get("x-request-id")).toMatch(/^req_/);
  }

  it("answers 400 with the provider's message after exactly one upstream call, streaming or not", async () => {
    const fault = sim!.control.setFault({
      match: { provider: "groq" },
      ...PROVIDER_ERRORS.openai.contextLengthExceeded,
    });
    try {
      for (const stream of [false, true]) {
        const before = sim!.control.stats();
        // Two keys of Groq's model: the other key was ready too. Named, not `auto`: the
        // shared database holds other files' keys, which `auto` may rank ahead of Groq.
        const err = await refused({
          model: "groq/llama-3.3-70b-versatile",
          stream,
          messages: [{ role: "user", content: "pretend this is 140k tokens long" }],
        });
        expectHelpful400(err);
        const after = sim!.control.stats();
        expect(after.total - before.total).toBe(1);
        expect((after.byProvider.groq ?? 0) - (before.byProvider.groq ?? 0)).toBe(1);

        const row = await waitForUsageRow(err.headers!.get("x-request-id")!);
        expect(row.httpStatus).toBe(400);
        expect(row.attempts).toBe(1);
        expect(row.streamed).toBe(stream);
        expect(row.errorClass).toBe("upstream_client_error");
      }
    } finally {
      sim!.control.clearFault(fault);
    }
  });

  it("changes no breaker however often it happens, and the keys keep serving", async () => {
    const fault = sim!.control.setFault({
      match: { provider: "groq" },
      ...PROVIDER_ERRORS.openai.contextLengthExceeded,
    });
    const before = sim!.control.stats();
    const attemptsBefore =
      (await metricSample(gw!.url, "gateway_upstream_attempts_total", {
        provider: "groq",
        outcome: "client_error",
      })) ?? 0;
    try {
      for (let i = 0; i < BURST; i++)
        expectHelpful400(
          await refused({
            model: "groq/llama-3.3-70b-versatile",
            messages: [{ role: "user", content: `too long ${i}` }],
          }),
        );
    } finally {
      sim!.control.clearFault(fault);
    }
    expect(sim!.control.stats().total - before.total).toBe(BURST);
    expect(
      await metricSample(gw!.url, "gateway_upstream_attempts_total", {
        provider: "groq",
        outcome: "client_error",
      }),
    ).toBe(attemptsBefore + BURST);

    // Both keys still take traffic at the first attempt once the request is acceptable.
    const served = sim!.control.stats().calls;
    for (let i = 0; i < 2; i++) {
      const { data, response } = await client.chat.completions
        .create({
          model: "groq/llama-3.3-70b-versatile",
          messages: [{ role: "user", content: "short now" }],
        })
        .withResponse();
      expect(data.choices[0]!.message.content).toMatch(
        /^Simulated reply from groq\/llama-3.3-70b-versatile/,
      );
      expect(response.headers.get("x-gateway-attempts")).toBe("1");
    }
    const now = sim!.control.stats().calls;
    for (const key of KEYS) expect((now[key] ?? 0) - (served[key] ?? 0)).toBe(1);

    // Nothing moved: no event, every state closed, no error class recorded.
    expect(await breakerEventsSince("groq", startedAt)).toEqual([]);
    const provider = await providerStatus(gw!.url, "groq");
    expect(provider.state).toBe("closed");
    expect(provider.online).toBe(true);
    const creds = await credentialsOf(gw!.url, "groq");
    expect(creds.map((c) => c.last4).sort()).toEqual(["1111", "2222"]);
    for (const c of creds)
      expect(c).toMatchObject({ state: "closed", lastErrorClass: null, failures: 0 });
  });
});
