/**
 * Two gateway instances on one database: a key revoked, or a tenant suspended, through
 * one instance's admin API is refused by the other within a second, although the other
 * had the key in its cache; re-activating the tenant restores access everywhere.
 */
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { startSimulator, type Simulator } from "@/lib/simulator";
import {
  admin,
  issueTenantKey,
  startGatewayProcess,
  type GatewayProcess,
} from "../support/gateway-process";
import { waitFor } from "../support/wait-for";

/** How quickly a change made on one instance must reach every other. */
const PROPAGATION_MS = 1_000;

let sim: Simulator;
let a: GatewayProcess;
let b: GatewayProcess;

beforeAll(async () => {
  sim = await startSimulator();
  const env = {
    GATEWAY_SIMULATED_PROVIDERS: "0",
    DEEPSEEK_API_KEY: "sk-ds-revocation-1",
    DEEPSEEK_BASE_URL: sim.baseUrlFor("deepseek"),
  };
  [a, b] = await Promise.all([startGatewayProcess({ env }), startGatewayProcess({ env })]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await sim?.close();
});

function clientFor(gw: GatewayProcess, key: string): OpenAI {
  return new OpenAI({ apiKey: key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
}

async function completes(client: OpenAI): Promise<boolean> {
  const done = await client.chat.completions.create({
    model: "deepseek/deepseek-chat",
    messages: [{ role: "user", content: "still there?" }],
  });
  return (done.choices[0]?.message.content ?? "").length > 0;
}

/** Resolves with the 401 once `client` is refused; the deadline is the propagation budget. */
function refusedWithin(client: OpenAI, what: string) {
  return waitFor(
    async () => {
      try {
        await client.models.list();
        return undefined;
      } catch (err) {
        if (
          err instanceof OpenAI.AuthenticationError ||
          err instanceof OpenAI.PermissionDeniedError
        )
          return err;
        throw err;
      }
    },
    { timeoutMs: PROPAGATION_MS, intervalMs: 20, what },
  );
}

/**
 * Resolves once `client` is served again. Until the change reaches the instance it is
 * still refused as before it: 401 for a key, 403 for a suspended tenant.
 */
function acceptedWithin(client: OpenAI, what: string) {
  return waitFor(
    () =>
      client.models.list().then(
        (page) => page.data.length > 0,
        (err: unknown) =>
          err instanceof OpenAI.AuthenticationError || err instanceof OpenAI.PermissionDeniedError
            ? undefined
            : Promise.reject(err),
      ),
    { timeoutMs: PROPAGATION_MS, intervalMs: 20, what },
  );
}

describe("key revocation across instances", () => {
  it("the instance that revokes a key refuses it at once, without waiting for its notification", async () => {
    const issued = await issueTenantKey(a.url, "revocation-same-instance");
    const onA = clientFor(a, issued.key);
    expect(await completes(onA)).toBe(true);
    // Cut every instance's event connection: the revoke's NOTIFY cannot reach A now, so
    // only the revoke itself can make A forget the key before it answers.
    await getPrisma().$queryRaw`SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = 'gateway-events'`;
    await admin(a.url, "DELETE", `/api/admin/keys/${issued.keyId}`);
    const answer = await onA.models.list().then(
      () => "served",
      (err: unknown) => (err instanceof OpenAI.AuthenticationError ? err.status : err),
    );
    expect(answer).toBe(401);
  });

  it("a key revoked on instance A is refused by instance B within a second", async () => {
    const issued = await issueTenantKey(a.url, "revocation-two-instances");
    const onA = clientFor(a, issued.key);
    const onB = clientFor(b, issued.key);
    // Both instances have now authenticated (and cached) the key.
    expect(await completes(onA)).toBe(true);
    expect(await completes(onB)).toBe(true);

    const revoked = await admin<{ revoked: boolean }>(
      a.url,
      "DELETE",
      `/api/admin/keys/${issued.keyId}`,
    );
    expect(revoked.revoked).toBe(true);
    const err = await refusedWithin(onB, "instance B to refuse the revoked key");
    expect(err.status).toBe(401);
    expect(err.code).toBe("invalid_api_key");

    // A refuses it too, on every endpoint, and the refusal is not a cache glitch that heals.
    await refusedWithin(onA, "instance A to refuse the revoked key");
    const chat = await onB.chat.completions
      .create({ model: "deepseek/deepseek-chat", messages: [{ role: "user", content: "x" }] })
      .catch((e: unknown) => e);
    expect(chat).toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it("revoking one key leaves the tenant's other keys working on both instances", async () => {
    const first = await issueTenantKey(a.url, "revocation-sibling");
    const sibling = await admin<{ id: string; key: string }>(
      a.url,
      "POST",
      `/api/admin/tenants/${first.tenantId}/keys`,
      { name: "sibling" },
    );
    for (const gw of [a, b]) expect(await completes(clientFor(gw, sibling.key))).toBe(true);
    for (const gw of [a, b]) expect(await completes(clientFor(gw, first.key))).toBe(true);

    await admin(b.url, "DELETE", `/api/admin/keys/${first.keyId}`);
    await refusedWithin(clientFor(a, first.key), "instance A to refuse the key revoked on B");
    for (const gw of [a, b]) expect(await completes(clientFor(gw, sibling.key))).toBe(true);
  });

  it("a tenant suspended on A is refused by B within a second, and re-activation restores access", async () => {
    const issued = await issueTenantKey(a.url, "suspension-two-instances");
    const onA = clientFor(a, issued.key);
    const onB = clientFor(b, issued.key);
    expect(await completes(onA)).toBe(true);
    expect(await completes(onB)).toBe(true);

    const suspended = await admin<{ status: string }>(
      a.url,
      "PATCH",
      `/api/admin/tenants/${issued.tenantId}`,
      { status: "suspended" },
    );
    expect(suspended.status).toBe("suspended");
    const err = await refusedWithin(onB, "instance B to refuse the suspended tenant's key");
    expect(err.status).toBe(403);
    expect(err.code).toBe("tenant_suspended");
    await refusedWithin(onA, "instance A to refuse the suspended tenant's key");

    const active = await admin<{ status: string }>(
      a.url,
      "PATCH",
      `/api/admin/tenants/${issued.tenantId}`,
      { status: "active" },
    );
    expect(active.status).toBe("active");
    await acceptedWithin(onB, "instance B to accept the re-activated tenant's key");
    await acceptedWithin(onA, "instance A to accept the re-activated tenant's key");
    expect(await completes(onB)).toBe(true);
  });

  it("a tenant deleted on B loses access on A within a second", async () => {
    const issued = await issueTenantKey(b.url, "deletion-two-instances");
    const onA = clientFor(a, issued.key);
    expect(await completes(onA)).toBe(true);
    await admin(b.url, "DELETE", `/api/admin/tenants/${issued.tenantId}`);
    await refusedWithin(onA, "instance A to refuse the deleted tenant's key");
  });
});
