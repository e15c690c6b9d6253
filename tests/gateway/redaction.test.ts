/**
 * Provider-written text is scrubbed of our credentials before it leaves: a provider that
 * echoes the key it was sent (in a 400 relayed to the caller, a 401 the breakers log, or
 * an error inside a stream) hands it to nobody, whatever the key's shape.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "@/lib/simulator";
import {
  issueTenantKey,
  startGatewayProcess,
  type GatewayProcess,
} from "../support/gateway-process";
import { simProviderEnv } from "../support/sim-provider-env";

const MODEL = "deepseek/deepseek-chat";
/** Shaped like no known provider key, so only the exact-credential scrub can catch it. */
const SECRET = "plain-credential-7f3a9c2e41";

let sim: Simulator;
let gw: GatewayProcess | undefined;
let tenantKey: string;

beforeAll(async () => {
  sim = await startSimulator();
  gw = await startGatewayProcess({
    env: { ...simProviderEnv(sim, { deepseek: [SECRET] }), LOG_LEVEL: "info" },
  });
  tenantKey = (await issueTenantKey(gw.url, "redaction")).key;
});
afterAll(async () => {
  await gw?.stop();
  await sim?.close();
});

async function chat(stream = false) {
  const res = await fetch(`${gw!.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${tenantKey}`, "content-type": "application/json" },
    body: JSON.stringify({
      model: MODEL,
      stream,
      messages: [{ role: "user", content: "echo my key" }],
    }),
  });
  return { status: res.status, text: await res.text() };
}

describe("redaction of provider-written text", () => {
  it("never relays or logs a credential a provider echoes back", async () => {
    sim.control.setFault({
      match: { provider: "deepseek" },
      times: 1,
      status: 400,
      body: {
        error: {
          message: `Bad request for key ${SECRET}.`,
          type: "invalid_request_error",
          code: SECRET,
        },
      },
    });
    const relayed = await chat();
    expect(relayed.status).toBe(400);
    expect(relayed.text).toContain("[redacted]");

    sim.control.setFault({
      match: { provider: "deepseek" },
      times: 1,
      status: 401,
      body: {
        error: {
          message: `Incorrect API key ${SECRET}`,
          type: "invalid_request_error",
          code: "invalid_api_key",
        },
      },
    });
    const refused = await chat();
    expect(refused.status).toBe(503);

    sim.control.clearFaults();
    for (const answer of [relayed.text, refused.text]) expect(answer).not.toContain(SECRET);
    expect(gw!.output()).not.toContain(SECRET);
  });
});
