/**
 * Verifying a provider key, as an operator does through the admin API against the
 * product and a simulator that can refuse a key: one live request that goes around the
 * breaker and the meter, recorded as a breaker event and in the audit trail; close with
 * `verify: true` closes only on a pass; a key added through the API is verified at once
 * and, when refused, kept with its breaker open.
 */
import { randomUUID } from "node:crypto";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { PROVIDER_ERRORS, startSimulator, type Simulator } from "@/lib/simulator";
import { credentialForKey, credentialRow, type CredentialRow } from "../support/breakers";
import { waitForUsageRow } from "../support/gateway-observe";
import {
  admin,
  issueTenantKey,
  startGatewayProcess,
  TEST_ADMIN_KEY,
  type GatewayProcess,
} from "../support/gateway-process";
import { recordSimCalls, type SimCallLog } from "../support/sim-call-log";

const tag = randomUUID().slice(0, 8);
const K1 = `sk-verify-${tag}-key-one`;
const K2 = `sk-verify-${tag}-key-two`;

interface Verification {
  passed: boolean;
  status: number | null;
  errorClass: string | null;
  message: string;
  model: string | null;
}

let sim: Simulator;
let calls: SimCallLog;
let gw: GatewayProcess;
let k1: CredentialRow;
let k2: CredentialRow;
/** Keys this file adds through the admin API: retired at the end, so that the files run after it on the shared database do not route to them. */
const addedIds: string[] = [];

beforeAll(async () => {
  sim = await startSimulator();
  calls = recordSimCalls(sim);
  gw = await startGatewayProcess({
    env: {
      GATEWAY_SIMULATED_PROVIDERS: "0",
      DEEPSEEK_API_KEY: `${K1},${K2}`,
      DEEPSEEK_BASE_URL: sim.baseUrlFor("deepseek"),
    },
  });
  k1 = await credentialForKey(gw.url, "deepseek", K1);
  k2 = await credentialForKey(gw.url, "deepseek", K2);
});
afterAll(async () => {
  if (addedIds.length > 0)
    await getPrisma().credential.updateMany({
      where: { id: { in: addedIds } },
      data: { disabledAt: new Date() },
    });
  calls?.stop();
  await gw?.stop();
  await sim?.close();
});

function post(pathname: string, body: unknown = {}): Promise<Response> {
  return fetch(gw.url + pathname, {
    method: "POST",
    headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

const verifyEvents = (credentialId: string) =>
  getPrisma().breakerEvent.findMany({
    where: { credentialId, reason: { startsWith: "verified by" } },
    orderBy: { id: "asc" },
  });

describe("POST /api/admin/credentials/{id}/verify", () => {
  it("asks the provider once with that key, meters nothing, and records a breaker event and an audit row", async () => {
    const mark = calls.mark();
    const v = await admin<Verification>(gw.url, "POST", `/api/admin/credentials/${k1.id}/verify`, {
      note: "weekly check",
    });
    expect(v).toMatchObject({
      passed: true,
      status: 200,
      errorClass: null,
      model: "deepseek/deepseek-chat",
    });
    expect(calls.forKey(K1, mark)).toHaveLength(1);
    expect(calls.calls.length - mark).toBe(1);

    const [event, ...more] = await verifyEvents(k1.id);
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      fromState: "closed",
      toState: "closed",
      actor: "admin-api-key",
      note: "weekly check",
      errorClass: null,
    });
    const audit = await getPrisma().auditEvent.findMany({
      where: { action: "credential.verified", targetId: k1.id },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ passed: true, status: 200, errorClass: null });

    // Never metered: a real request afterwards is the only usage row of this key.
    const issued = await issueTenantKey(gw.url, `verify-${tag}`, {
      allowedModels: ["deepseek/deepseek-chat"],
    });
    const client = new OpenAI({ apiKey: issued.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
    const { response } = await client.chat.completions
      .create({ model: "deepseek/deepseek-chat", messages: [{ role: "user", content: "hello" }] })
      .withResponse();
    await waitForUsageRow(response.headers.get("x-request-id")!);
    const rows = await getPrisma().usageRecord.findMany({
      where: { credentialId: { in: [k1.id, k2.id] } },
    });
    expect(rows.map((r) => r.requestId)).toEqual([response.headers.get("x-request-id")]);
  });

  it("fails a revoked key with its class and the provider's message, key material removed, and leaves the breaker", async () => {
    const fault = sim.control.setFault({
      match: { key: K1 },
      ...PROVIDER_ERRORS.deepseek.authenticationFails,
    });
    try {
      const res = await post(`/api/admin/credentials/${k1.id}/verify`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).not.toContain(K1);
      const v = JSON.parse(text) as Verification;
      expect(v).toMatchObject({ passed: false, status: 401, errorClass: "permanent_auth" });
      expect(v.message).toContain("Authentication Fails");
      expect(v.message).not.toContain("****");
      expect((await credentialRow(gw.url, k1.id)).state).toBe("closed");
      expect((await verifyEvents(k1.id)).at(-1)).toMatchObject({
        fromState: "closed",
        toState: "closed",
        errorClass: "permanent_auth",
      });
    } finally {
      sim.control.clearFault(fault);
    }
  });

  it("passes a rate-limited key and fails one out of credit", async () => {
    sim.control.setFault({ match: { key: K2 }, times: 1, ...PROVIDER_ERRORS.openai.rateLimited });
    expect(
      await admin<Verification>(gw.url, "POST", `/api/admin/credentials/${k2.id}/verify`),
    ).toMatchObject({ passed: true, status: 429, errorClass: "rate_limit" });
    sim.control.setFault({
      match: { key: K2 },
      times: 1,
      ...PROVIDER_ERRORS.deepseek.insufficientBalance,
    });
    expect(
      await admin<Verification>(gw.url, "POST", `/api/admin/credentials/${k2.id}/verify`),
    ).toMatchObject({ passed: false, status: 402, errorClass: "billing" });
    expect((await credentialRow(gw.url, k2.id)).state).toBe("closed");
  });

  it("answers 404 in the API's error shape for an unknown credential", async () => {
    const res = await post("/api/admin/credentials/no-such-credential/verify");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });
});

describe("POST /api/admin/credentials/{id}/close with verify: true", () => {
  it("goes around an open breaker to ask, refuses to close on a failure (422, breaker left), closes on a pass", async () => {
    await admin(gw.url, "POST", `/api/admin/credentials/${k1.id}/open`, { note: "suspected leak" });
    expect((await credentialRow(gw.url, k1.id)).state).toBe("open");
    const fault = sim.control.setFault({
      match: { key: K1 },
      ...PROVIDER_ERRORS.deepseek.authenticationFails,
    });
    const mark = calls.mark();
    const refused = await post(`/api/admin/credentials/${k1.id}/close`, {
      note: "rotated",
      verify: true,
    });
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as {
      error: {
        code: string;
        type: string;
        message: string;
        verification: Verification & { state: string };
      };
    };
    expect(body.error).toMatchObject({
      code: "verification_failed",
      type: "invalid_request_error",
    });
    expect(body.error.verification).toMatchObject({
      passed: false,
      status: 401,
      errorClass: "permanent_auth",
      state: "open",
    });
    // The breaker did not stop the verification, and did not move.
    expect(calls.forKey(K1, mark)).toHaveLength(1);
    expect((await credentialRow(gw.url, k1.id)).state).toBe("open");

    sim.control.clearFault(fault);
    const closed = await admin<{ state: string; verification: Verification }>(
      gw.url,
      "POST",
      `/api/admin/credentials/${k1.id}/close`,
      { note: "rotated", verify: true },
    );
    expect(closed.state).toBe("closed");
    expect(closed.verification).toMatchObject({ passed: true, status: 200 });
    expect((await credentialRow(gw.url, k1.id)).state).toBe("closed");
    const audit = await getPrisma().auditEvent.findMany({
      where: { targetId: k1.id, action: { in: ["credential.verified", "breaker.closed"] } },
      orderBy: { id: "asc" },
    });
    expect(audit.slice(-3).map((a) => a.action)).toEqual([
      "credential.verified",
      "credential.verified",
      "breaker.closed",
    ]);
  });
});

describe("POST /api/admin/credentials verifies the key it adds", () => {
  it("keeps a refused key with its breaker open on the class found, and says so", async () => {
    const dead = `sk-verify-${tag}-added-dead`;
    sim.control.setFault({ match: { key: dead }, ...PROVIDER_ERRORS.deepseek.authenticationFails });
    const res = await post("/api/admin/credentials", {
      provider: "deepseek",
      key: dead,
      label: `dead-${tag}`,
    });
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).not.toContain(dead);
    const added = JSON.parse(text) as { id: string; state: string; verification: Verification };
    addedIds.push(added.id);
    expect(added.state).toBe("open");
    expect(added.verification).toMatchObject({
      passed: false,
      status: 401,
      errorClass: "permanent_auth",
    });
    expect(await credentialRow(gw.url, added.id)).toMatchObject({
      state: "open",
      lastErrorClass: "permanent_auth",
    });
  });

  it("adds a working key closed, verified", async () => {
    const live = `sk-verify-${tag}-added-live`;
    const added = await admin<{ id: string; state: string; verification: Verification }>(
      gw.url,
      "POST",
      "/api/admin/credentials",
      { provider: "deepseek", key: live },
    );
    addedIds.push(added.id);
    expect(added.state).toBe("closed");
    expect(added.verification).toMatchObject({ passed: true, status: 200, errorClass: null });
    expect(calls.forKey(live)).toHaveLength(1);
  });
});
