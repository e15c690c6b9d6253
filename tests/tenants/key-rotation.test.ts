/**
 * Key rotation and key edits on two gateway instances over one database, called with
 * the official `openai` client. A rotation through instance A gives the key a new secret
 * that both instances accept at once; the replaced secret works on both until the end of
 * its grace period and is refused by both from then on; usage before and after lands on
 * the same key id. An edit narrowing a key's models reaches B within a second.
 *
 * Times: the grace end is the product's own stamp (`previousEndsAt`, one machine, one
 * clock). A call sent at or after it must be refused and a call answered before it must
 * be served, whatever the machine's load; the test waits for the refusal itself.
 */
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { startSimulator, type Simulator } from "@/lib/simulator";
import { waitForUsageRow } from "../support/gateway-observe";
import {
  admin,
  issueTenantKey,
  startGatewayProcess,
  TEST_ADMIN_KEY,
  type GatewayProcess,
} from "../support/gateway-process";
import { simProviderEnv } from "../support/sim-provider-env";
import { waitFor } from "../support/wait-for";

/** How quickly a change made on one instance must reach every other, and a grace end apply. */
const PROPAGATION_MS = 1_000;
const CHAT = "deepseek/deepseek-chat";
const OTHER = "gemini/gemini-2.0-flash";

let sim: Simulator;
let a: GatewayProcess;
let b: GatewayProcess;

beforeAll(async () => {
  sim = await startSimulator();
  const env = simProviderEnv(sim, {
    deepseek: ["sk-ds-rotation-1"],
    gemini: ["gemini-rotation-1"],
  });
  // One after the other: both migrate, seed and sync the same credential rows at start.
  a = await startGatewayProcess({ env });
  b = await startGatewayProcess({ env });
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await sim?.close();
});

interface Rotated {
  id: string;
  key: string;
  prefix: string;
  previousPrefix: string;
  previousEndsAt: string;
}

const rotate = (gw: GatewayProcess, id: string, graceSeconds?: number) =>
  admin<Rotated>(
    gw.url,
    "POST",
    `/api/admin/keys/${id}/rotate`,
    graceSeconds === undefined ? undefined : { graceSeconds },
  );

/** An admin call's status and error body, for the refusals. */
async function adminStatus(gw: GatewayProcess, method: string, path: string, body?: unknown) {
  const res = await fetch(gw.url + path, {
    method,
    headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as { error?: { code: string; param: string | null } };
  return { status: res.status, code: json.error?.code, param: json.error?.param };
}

function clientFor(gw: GatewayProcess, key: string): OpenAI {
  return new OpenAI({ apiKey: key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
}

/** A chat completion; returns its request id, whose usage row the test reads. */
async function chat(gw: GatewayProcess, key: string, model = CHAT): Promise<string> {
  const { data, response } = await clientFor(gw, key)
    .chat.completions.create({ model, messages: [{ role: "user", content: "rotation" }] })
    .withResponse();
  expect(data.choices[0]?.message.content).toBeTruthy();
  return response.headers.get("x-request-id")!;
}

/** Whether `key` is served on `gw` (a models list), or the status it is refused with. */
function outcome(gw: GatewayProcess, key: string): Promise<"served" | number> {
  return clientFor(gw, key)
    .models.list()
    .then(
      () => "served" as const,
      (err: unknown) => {
        if (err instanceof OpenAI.APIError && err.status !== undefined) return err.status;
        throw err;
      },
    );
}

/** Resolves once `key` is refused with 401 on `gw`; the deadline is the propagation budget. */
function refusedWithin(gw: GatewayProcess, key: string, what: string) {
  return waitFor(async () => (await outcome(gw, key)) === 401, {
    timeoutMs: PROPAGATION_MS,
    intervalMs: 20,
    what,
  });
}

interface Call {
  sentAt: number;
  answeredAt: number;
  result: "served" | number;
}

/**
 * Calls with `key` on `gw` back to back until a 401 comes, at most `deadline` (epoch ms),
 * recording when each call was sent and answered.
 */
async function callUntilRefused(gw: GatewayProcess, key: string, deadline: number) {
  const calls: Call[] = [];
  for (;;) {
    const sentAt = Date.now();
    const result = await outcome(gw, key);
    calls.push({ sentAt, answeredAt: Date.now(), result });
    if (result === 401) return calls;
    if (Date.now() > deadline) throw new Error(`still served ${deadline - Date.now()} ms late`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("rotating a key's secret", () => {
  it("keeps both secrets working through the grace period on both instances, then refuses the old one on both from its end on; usage stays on one key id", async () => {
    const issued = await issueTenantKey(a.url, "rotation-grace");
    const before = [await chat(a, issued.key), await chat(b, issued.key)];

    const rotated = await rotate(a, issued.keyId, 2);
    expect(rotated.id).toBe(issued.keyId);
    expect(rotated.key).toMatch(/^sk-gw-/);
    expect(rotated.key).not.toBe(issued.key);
    expect(rotated.prefix).toBe(rotated.key.slice(0, 14));
    expect(rotated.previousPrefix).toBe(issued.prefix);
    const endsAt = Date.parse(rotated.previousEndsAt);
    expect(endsAt).toBeGreaterThan(Date.now());

    // At once, on the instance that did not rotate as well: the new secret works, the old still does.
    const during = [
      await chat(b, rotated.key),
      await chat(a, rotated.key),
      await chat(b, issued.key),
    ];
    const list = await admin<{
      data: { id: string; prefix: string; previousPrefix: string | null }[];
    }>(a.url, "GET", `/api/admin/tenants/${issued.tenantId}/keys`);
    expect(list.data).toEqual([
      expect.objectContaining({
        id: issued.keyId,
        prefix: rotated.prefix,
        previousPrefix: issued.prefix,
      }),
    ]);

    // The old secret is called on both instances until each refuses it.
    const deadline = endsAt + PROPAGATION_MS;
    const [onA, onB] = await Promise.all([
      callUntilRefused(a, issued.key, deadline),
      callUntilRefused(b, issued.key, deadline),
    ]);
    for (const [name, calls] of [
      ["A", onA],
      ["B", onB],
    ] as const) {
      const refused = calls.at(-1)!;
      // Served while it lasted (many times), never refused before its end, and refused
      // within a second of it, measured against the product's own end stamp.
      expect(calls.filter((c) => c.result === "served").length, name).toBeGreaterThan(3);
      expect(refused.answeredAt, name).toBeGreaterThanOrEqual(endsAt);
      expect(refused.answeredAt - endsAt, name).toBeLessThan(PROPAGATION_MS);
      expect(
        calls.filter((c) => c.result === "served" && c.sentAt >= endsAt),
        `${name}: served a call sent after the end`,
      ).toEqual([]);
      console.log(
        `instance ${name}: old secret served ${calls.length - 1} times in the grace, ` +
          `refused ${refused.answeredAt - endsAt} ms after its end (answer received)`,
      );
    }
    // And it stays refused on every endpoint, while the new secret carries on.
    const late = await clientFor(b, issued.key)
      .chat.completions.create({ model: CHAT, messages: [{ role: "user", content: "x" }] })
      .catch((e: unknown) => e);
    expect(late).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((late as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe("invalid_api_key");
    const after = [await chat(a, rotated.key), await chat(b, rotated.key)];

    for (const requestId of [...before, ...during, ...after]) {
      const row = await waitForUsageRow(requestId);
      expect({ requestId, apiKeyId: row.apiKeyId }).toEqual({
        requestId,
        apiKeyId: issued.keyId,
      });
    }
    const audit = await getPrisma().auditEvent.findFirst({
      where: { action: "key.rotated", targetId: issued.keyId },
    });
    expect(audit?.details).toMatchObject({
      prefix: rotated.prefix,
      previousPrefix: issued.prefix,
      graceSeconds: 2,
    });
    expect(JSON.stringify(audit?.details)).not.toContain(rotated.key);
  });

  it("rotating during a grace ends the oldest secret at once, so at most two work; a grace of 0 ends the old one at once", async () => {
    const issued = await issueTenantKey(a.url, "rotation-twice");
    const second = await rotate(a, issued.keyId);
    expect(Date.parse(second.previousEndsAt) - Date.now()).toBeGreaterThan(3_500_000);
    for (const gw of [a, b])
      for (const key of [issued.key, second.key]) expect(await outcome(gw, key)).toBe("served");

    const third = await rotate(a, issued.keyId, 3600);
    // The instance that rotated refuses the oldest before its answer; the other within a second.
    expect(await outcome(a, issued.key)).toBe(401);
    await refusedWithin(b, issued.key, "instance B to refuse the oldest secret");
    for (const gw of [a, b])
      for (const key of [second.key, third.key]) expect(await outcome(gw, key)).toBe("served");

    const fourth = await rotate(b, issued.keyId, 0);
    expect(await outcome(b, second.key)).toBe(401);
    expect(await outcome(b, third.key)).toBe(401);
    await refusedWithin(a, second.key, "instance A to refuse the secret rotated out twice");
    await refusedWithin(a, third.key, "instance A to refuse the secret ended with no grace");
    for (const gw of [a, b]) expect(await outcome(gw, fourth.key)).toBe("served");
  });

  it("revoking a key in its grace period ends both secrets; rotating a revoked key is 409", async () => {
    const issued = await issueTenantKey(a.url, "rotation-revoked");
    const rotated = await rotate(a, issued.keyId, 3600);
    for (const gw of [a, b])
      for (const key of [issued.key, rotated.key]) expect(await outcome(gw, key)).toBe("served");
    await admin(a.url, "DELETE", `/api/admin/keys/${issued.keyId}`);
    for (const key of [issued.key, rotated.key]) {
      expect(await outcome(a, key)).toBe(401);
      await refusedWithin(b, key, "instance B to refuse both secrets of the revoked key");
    }
    expect(await adminStatus(b, "POST", `/api/admin/keys/${issued.keyId}/rotate`, {})).toEqual({
      status: 409,
      code: "conflict",
      param: null,
    });
    expect(
      await adminStatus(a, "PATCH", `/api/admin/keys/${issued.keyId}`, { allowedModels: [] }),
    ).toMatchObject({ status: 409, code: "conflict" });
  });

  it("refuses an unknown key with 404 and a grace outside 0..7 days with 400 naming the field", async () => {
    const issued = await issueTenantKey(a.url, "rotation-bad-input");
    expect(await adminStatus(a, "POST", "/api/admin/keys/no-such-key/rotate", {})).toMatchObject({
      status: 404,
      code: "not_found",
    });
    for (const graceSeconds of [-1, 604_801, 2.5, "60"])
      expect(
        await adminStatus(a, "POST", `/api/admin/keys/${issued.keyId}/rotate`, { graceSeconds }),
      ).toEqual({ status: 400, code: "invalid_request_error", param: "graceSeconds" });
    // Nothing was rotated by the refusals.
    expect(await outcome(b, issued.key)).toBe("served");
  });
});

describe("editing a key", () => {
  it("a narrowing of allowed models made on A reaches B within a second, for every secret of the key", async () => {
    const issued = await issueTenantKey(a.url, "narrowing");
    const rotated = await rotate(a, issued.keyId, 3600);
    for (const key of [issued.key, rotated.key]) {
      await chat(b, key, OTHER);
      await chat(b, key, CHAT);
    }

    const patched = await admin<{ allowedModels: string[] }>(
      a.url,
      "PATCH",
      `/api/admin/keys/${issued.keyId}`,
      { allowedModels: [CHAT] },
    );
    expect(patched.allowedModels).toEqual([CHAT]);
    const startedAt = Date.now();
    for (const key of [rotated.key, issued.key]) {
      const refusal = await waitFor(
        async () => {
          try {
            await clientFor(b, key).chat.completions.create({
              model: OTHER,
              messages: [{ role: "user", content: "x" }],
            });
            return undefined;
          } catch (err) {
            if (err instanceof OpenAI.PermissionDeniedError) return err;
            throw err;
          }
        },
        { timeoutMs: PROPAGATION_MS, intervalMs: 20, what: "instance B to refuse the model" },
      );
      expect(refusal.status).toBe(403);
      await chat(b, key, CHAT);
    }
    console.log(`narrowing reached instance B in at most ${Date.now() - startedAt} ms`);
    // The instance that made the change applied it before answering.
    const onA = await clientFor(a, rotated.key)
      .chat.completions.create({ model: OTHER, messages: [{ role: "user", content: "x" }] })
      .catch((e: unknown) => e);
    expect(onA).toBeInstanceOf(OpenAI.PermissionDeniedError);
    const models = await clientFor(b, rotated.key).models.list();
    expect(models.data.map((m) => m.id)).not.toContain(OTHER);

    const audit = await getPrisma().auditEvent.findFirst({
      where: { action: "key.updated", targetId: issued.keyId },
    });
    expect(audit?.details).toMatchObject({
      before: { allowedModels: [] },
      after: { allowedModels: [CHAT] },
    });
  });

  it("an expiry brought forward on A ends the key on B when it comes", async () => {
    const issued = await issueTenantKey(a.url, "expiry-edit");
    expect(await outcome(b, issued.key)).toBe("served");
    const expiresAt = new Date(Date.now() + 1_500).toISOString();
    const patched = await admin<{ expiresAt: string }>(
      a.url,
      "PATCH",
      `/api/admin/keys/${issued.keyId}`,
      { expiresAt },
    );
    expect(patched.expiresAt).toBe(expiresAt);
    const calls = await callUntilRefused(b, issued.key, Date.parse(expiresAt) + PROPAGATION_MS);
    expect(calls.at(-1)!.answeredAt).toBeGreaterThanOrEqual(Date.parse(expiresAt));
    expect(calls.filter((c) => c.result === "served" && c.sentAt >= Date.parse(expiresAt))).toEqual(
      [],
    );
  });

  it("refuses a model the catalogue does not know, a past expiry and an empty change, naming the field", async () => {
    const issued = await issueTenantKey(a.url, "edit-bad-input");
    const path = `/api/admin/keys/${issued.keyId}`;
    expect(await adminStatus(a, "PATCH", path, { allowedModels: [CHAT, "deepsek/chat"] })).toEqual({
      status: 400,
      code: "invalid_request_error",
      param: "allowedModels.1",
    });
    expect(
      await adminStatus(a, "PATCH", path, { expiresAt: "2020-01-01T00:00:00Z" }),
    ).toMatchObject({ status: 400, param: "expiresAt" });
    expect(await adminStatus(a, "PATCH", path, {})).toMatchObject({ status: 400 });
    expect(await adminStatus(a, "PATCH", "/api/admin/keys/no-such-key", { name: "x" })).toEqual({
      status: 404,
      code: "not_found",
      param: null,
    });
    // Issuing checks the names the same way.
    const issue = await adminStatus(a, "POST", `/api/admin/tenants/${issued.tenantId}/keys`, {
      allowedModels: ["no-such-model"],
    });
    expect(issue).toEqual({ status: 400, code: "invalid_request_error", param: "allowedModels.0" });
    // A provider wildcard is checked too: the provider must have deployments.
    const wildcard = await adminStatus(a, "POST", `/api/admin/tenants/${issued.tenantId}/keys`, {
      allowedModels: ["deepseek/*", "nosuchprovider/*"],
    });
    expect(wildcard).toEqual({
      status: 400,
      code: "invalid_request_error",
      param: "allowedModels.1",
    });
    // Nothing changed: the key still reaches every model.
    await chat(b, issued.key, OTHER);
  });
});
