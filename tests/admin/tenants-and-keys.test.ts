/**
 * The admin API for tenants, plans and keys, as the README's Endpoints section describes it, over real HTTP
 * against the product: guarded by the admin key, JSON in and out with money as integer
 * micro-dollars, keys shown once and never again, every change audited, and tenants
 * kept apart.
 */
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { startSimulator, type Simulator } from "@/lib/simulator";
import { hashApiKey } from "@/lib/gateway/keys/api-key";
import {
  admin,
  issueTenantKey,
  startGatewayProcess,
  TEST_ADMIN_KEY,
  type GatewayProcess,
} from "../support/gateway-process";
import { expectOpenAIError } from "../support/openai-error";
import { waitFor } from "../support/wait-for";

let sim: Simulator;
let gw: GatewayProcess;

beforeAll(async () => {
  sim = await startSimulator();
  gw = await startGatewayProcess({
    env: {
      GATEWAY_SIMULATED_PROVIDERS: "0",
      DEEPSEEK_API_KEY: "sk-ds-admin-1",
      DEEPSEEK_BASE_URL: sim.baseUrlFor("deepseek"),
    },
  });
});
afterAll(async () => {
  await gw?.stop();
  await sim?.close();
});

/** A raw admin call: for the answers `admin()` would throw on. */
function call(
  method: string,
  pathname: string,
  body?: unknown,
  authorization: string | null = `Bearer ${TEST_ADMIN_KEY}`,
): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (authorization !== null) headers.authorization = authorization;
  return fetch(gw.url + pathname, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Admin errors are OpenAI-shaped; the request id is a gateway (`/v1`) header. */
const adminError = (
  res: Response,
  status: number,
  expected: Parameters<typeof expectOpenAIError>[2] = {},
) =>
  expectOpenAIError(res, status, {
    requestId: false,
    secrets: [TEST_ADMIN_KEY, hashApiKey(TEST_ADMIN_KEY)],
    ...expected,
  });

function clientFor(key: string): OpenAI {
  return new OpenAI({ apiKey: key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
}

interface Tenant {
  id: string;
  name: string;
  status: string;
  planId: string;
  requestsPerMinute: number | null;
  monthlySpendLimitMicros: number | null;
}
interface Plan {
  id: string;
  name: string;
  monthlyFeeMicros: number;
  includedTokens: number;
  overagePricePer1MMicros: number;
  defaultRequestsPerMinute: number | null;
}
interface KeyRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revoked: boolean;
}

describe("admin authentication", () => {
  it("refuses a missing, wrong or tenant key with an OpenAI-shaped 401 and changes nothing", async () => {
    const tenantKey = (await issueTenantKey(gw.url, "admin-auth-probe")).key;
    const before = (await admin<{ data: Tenant[] }>(gw.url, "GET", "/api/admin/tenants")).data
      .length;
    for (const authorization of [
      null,
      "Bearer gwadmin-wrong-key",
      `Bearer ${TEST_ADMIN_KEY}x`,
      `Basic ${TEST_ADMIN_KEY}`,
      `Bearer ${tenantKey}`,
    ]) {
      await adminError(await call("GET", "/api/admin/tenants", undefined, authorization), 401, {
        type: "authentication_error",
        code: "unauthorized",
        secrets: [TEST_ADMIN_KEY, tenantKey],
      });
      await adminError(
        await call("POST", "/api/admin/tenants", { name: "intruder" }, authorization),
        401,
        { code: "unauthorized" },
      );
      await adminError(
        await call(
          "POST",
          "/api/admin/plans",
          { name: "intruder", overagePricePer1MMicros: 1 },
          authorization,
        ),
        401,
        { code: "unauthorized" },
      );
    }
    const after = (await admin<{ data: Tenant[] }>(gw.url, "GET", "/api/admin/tenants")).data;
    expect(after.length).toBe(before);
    expect(after.some((t) => t.name === "intruder")).toBe(false);
  });
});

describe("plans", () => {
  it("creates, lists and patches plans with money as exact integer micro-dollars", async () => {
    const created = await admin<Plan>(gw.url, "POST", "/api/admin/plans", {
      name: "Scale (admin test)",
      monthlyFeeMicros: 9_000_000_000_123, // $9,000,000.000123: beyond 32 bits, exact
      includedTokens: 50_000_000,
      overagePricePer1MMicros: 2_500_000,
      defaultRequestsPerMinute: 600,
    });
    expect(created).toMatchObject({
      name: "Scale (admin test)",
      monthlyFeeMicros: 9_000_000_000_123,
      includedTokens: 50_000_000,
      overagePricePer1MMicros: 2_500_000,
      defaultRequestsPerMinute: 600,
    });
    expect(typeof created.monthlyFeeMicros).toBe("number");

    const listed = (await admin<{ data: Plan[] }>(gw.url, "GET", "/api/admin/plans")).data.find(
      (p) => p.id === created.id,
    );
    expect(listed).toMatchObject({
      monthlyFeeMicros: 9_000_000_000_123,
      overagePricePer1MMicros: 2_500_000,
    });

    const patched = await admin<Plan>(gw.url, "PATCH", `/api/admin/plans/${created.id}`, {
      overagePricePer1MMicros: 1_750_000,
      monthlyFeeMicros: 0,
    });
    expect(patched).toMatchObject({
      id: created.id,
      name: "Scale (admin test)",
      overagePricePer1MMicros: 1_750_000,
      monthlyFeeMicros: 0,
      includedTokens: 50_000_000,
    });
  });

  it("rejects invalid plans with a 400 naming the field, a duplicate name with 409, an unknown plan with 404", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "bad-1", overagePricePer1MMicros: 1.5 }, "overagePricePer1MMicros"],
      [{ name: "bad-2", overagePricePer1MMicros: "2.50" }, "overagePricePer1MMicros"],
      [{ name: "bad-3", overagePricePer1MMicros: -1 }, "overagePricePer1MMicros"],
      [{ name: "bad-4" }, "overagePricePer1MMicros"],
      [{ name: "", overagePricePer1MMicros: 1 }, "name"],
      [{ name: "bad-5", overagePricePer1MMicros: 1, monthlyFeeMicros: 12.5 }, "monthlyFeeMicros"],
    ];
    for (const [body, param] of cases)
      await adminError(await call("POST", "/api/admin/plans", body), 400, {
        type: "invalid_request_error",
        param,
      });
    await adminError(await call("POST", "/api/admin/plans", "{not json"), 400, {
      type: "invalid_request_error",
    });
    await admin(gw.url, "POST", "/api/admin/plans", {
      name: "Duplicate (admin test)",
      overagePricePer1MMicros: 1,
    });
    await adminError(
      await call("POST", "/api/admin/plans", {
        name: "Duplicate (admin test)",
        overagePricePer1MMicros: 1,
      }),
      409,
      { param: "name" },
    );
    await adminError(
      await call("PATCH", "/api/admin/plans/no-such-plan", { overagePricePer1MMicros: 1 }),
      404,
      { code: "not_found" },
    );
  });
});

describe("tenants", () => {
  it("creates, lists, gets, patches and deletes a tenant", async () => {
    const plan = await admin<Plan>(gw.url, "POST", "/api/admin/plans", {
      name: "Team (admin test)",
      overagePricePer1MMicros: 3_000_000,
    });
    const created = await admin<Tenant>(gw.url, "POST", "/api/admin/tenants", {
      name: "Acme (admin test)",
      requestsPerMinute: 120,
    });
    expect(created).toMatchObject({
      name: "Acme (admin test)",
      status: "active",
      requestsPerMinute: 120,
    });
    expect(created.id).toBeTruthy();

    const listed = await admin<{ data: Tenant[] }>(gw.url, "GET", "/api/admin/tenants");
    expect(listed.data.map((t) => t.id)).toContain(created.id);
    expect(await admin<Tenant>(gw.url, "GET", `/api/admin/tenants/${created.id}`)).toMatchObject({
      id: created.id,
      name: "Acme (admin test)",
    });

    const patched = await admin<Tenant>(gw.url, "PATCH", `/api/admin/tenants/${created.id}`, {
      name: "Acme Corp (admin test)",
      planId: plan.id,
      monthlySpendLimitMicros: 25_000_000,
      requestsPerMinute: null,
    });
    expect(patched).toMatchObject({
      name: "Acme Corp (admin test)",
      planId: plan.id,
      monthlySpendLimitMicros: 25_000_000,
      requestsPerMinute: null,
      status: "active",
    });
    expect(await admin<Tenant>(gw.url, "GET", `/api/admin/tenants/${created.id}`)).toMatchObject({
      name: "Acme Corp (admin test)",
      planId: plan.id,
    });

    const key = await admin<{ key: string }>(
      gw.url,
      "POST",
      `/api/admin/tenants/${created.id}/keys`,
      {},
    );
    expect((await clientFor(key.key).models.list()).data.length).toBeGreaterThan(0);
    await admin(gw.url, "DELETE", `/api/admin/tenants/${created.id}`);
    await adminError(await call("GET", `/api/admin/tenants/${created.id}`), 404, {
      code: "not_found",
    });
    expect(
      (await admin<{ data: Tenant[] }>(gw.url, "GET", "/api/admin/tenants")).data.map((t) => t.id),
    ).not.toContain(created.id);
    // A deleted tenant's keys stop working.
    await expect(clientFor(key.key).models.list()).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );
  });

  it("rejects invalid tenant input with a 400 naming the field", async () => {
    const { tenantId } = await issueTenantKey(gw.url, "validation-target");
    const creates: [unknown, string | null][] = [
      [{}, "name"],
      [{ name: 5 }, "name"],
      [{ name: "x", requestsPerMinute: -5 }, "requestsPerMinute"],
      [{ name: "x", monthlySpendLimitMicros: 1.25 }, "monthlySpendLimitMicros"],
      [{ name: "x", planId: "no-such-plan" }, "planId"],
    ];
    for (const [body, param] of creates)
      await adminError(await call("POST", "/api/admin/tenants", body), 400, {
        type: "invalid_request_error",
        param,
      });
    await adminError(
      await call("PATCH", `/api/admin/tenants/${tenantId}`, { status: "bogus" }),
      400,
      { param: "status" },
    );
    await adminError(
      await call("PATCH", `/api/admin/tenants/${tenantId}`, { planId: "no-such-plan" }),
      400,
      { param: "planId" },
    );
    await adminError(await call("POST", "/api/admin/tenants", "[not json"), 400, {
      type: "invalid_request_error",
    });
  });

  it("answers an unknown tenant or key with 404", async () => {
    for (const [method, pathname, body] of [
      ["GET", "/api/admin/tenants/no-such-tenant"],
      ["PATCH", "/api/admin/tenants/no-such-tenant", { name: "x" }],
      ["DELETE", "/api/admin/tenants/no-such-tenant"],
      ["GET", "/api/admin/tenants/no-such-tenant/keys"],
      ["POST", "/api/admin/tenants/no-such-tenant/keys", {}],
      ["DELETE", "/api/admin/keys/no-such-key"],
    ] as const) {
      await adminError(await call(method, pathname, body), 404, { code: "not_found" });
    }
  });
});

describe("keys", () => {
  it("shows the key once, lists metadata only, records last use, revokes, and audits both", async () => {
    const tenant = await admin<Tenant>(gw.url, "POST", "/api/admin/tenants", {
      name: "Key holder (admin test)",
    });
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const issued = await admin<{ id: string; key: string; prefix: string }>(
      gw.url,
      "POST",
      `/api/admin/tenants/${tenant.id}/keys`,
      { name: "ci", expiresAt },
    );
    expect(issued.key.startsWith(issued.prefix)).toBe(true);
    expect(issued.prefix).toMatch(/^sk-gw-/);
    expect(issued.key.length).toBeGreaterThan(issued.prefix.length + 20);
    expect((await clientFor(issued.key).models.list()).data.map((m) => m.id)).toContain(
      "deepseek/deepseek-chat",
    );

    const listKeys = async () => {
      const res = await call("GET", `/api/admin/tenants/${tenant.id}/keys`);
      const text = await res.text();
      expect(res.status).toBe(200);
      // Neither the key, nor its secret part, nor the stored hash, under any field name.
      for (const secret of [
        issued.key,
        issued.key.slice(issued.prefix.length),
        hashApiKey(issued.key),
      ])
        expect(text.includes(secret)).toBe(false);
      const row = (JSON.parse(text) as { data: (KeyRow & Record<string, unknown>)[] }).data.find(
        (k) => k.id === issued.id,
      )!;
      expect(row).toBeDefined();
      expect(Object.keys(row)).not.toContain("hash");
      expect(Object.keys(row)).not.toContain("key");
      return row;
    };
    const fresh = await listKeys();
    expect(fresh).toMatchObject({
      name: "ci",
      prefix: issued.prefix,
      lastUsedAt: null,
      revoked: false,
    });
    expect(new Date(fresh.expiresAt!).toISOString()).toBe(expiresAt);
    expect(Number.isNaN(Date.parse(fresh.createdAt))).toBe(false);

    await clientFor(issued.key).chat.completions.create({
      model: "deepseek/deepseek-chat",
      messages: [{ role: "user", content: "mark me used" }],
    });
    const used = await waitFor(
      async () => {
        const row = await listKeys();
        return row.lastUsedAt ? row : undefined;
      },
      { what: "lastUsedAt to be set" },
    );
    expect(Date.parse(used.lastUsedAt!)).toBeGreaterThanOrEqual(Date.parse(fresh.createdAt));

    await admin(gw.url, "DELETE", `/api/admin/keys/${issued.id}`);
    expect(await listKeys()).toMatchObject({ revoked: true });
    await expect(clientFor(issued.key).models.list()).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );

    const audit = await getPrisma().auditEvent.findMany({
      where: { targetId: issued.id },
      orderBy: { id: "asc" },
    });
    expect(audit.map((e) => e.action)).toEqual(["key.issued", "key.revoked"]);
    for (const e of audit) {
      expect(e.actor).toBe("admin-api-key");
      const details = JSON.stringify(e.details);
      expect(details.includes(issued.key) || details.includes(hashApiKey(issued.key))).toBe(false);
    }
  });

  it("rejects invalid key input with a 400 naming the field", async () => {
    const { tenantId } = await issueTenantKey(gw.url, "key-validation-target");
    const cases: [unknown, string][] = [
      [{ allowedModels: "deepseek/deepseek-chat" }, "allowedModels"],
      [{ allowedModels: [""] }, "allowedModels.0"],
      [{ expiresAt: "tomorrow" }, "expiresAt"],
      [{ name: "" }, "name"],
      [{ requestsPerMinute: 0 }, "requestsPerMinute"],
    ];
    for (const [body, param] of cases)
      await adminError(await call("POST", `/api/admin/tenants/${tenantId}/keys`, body), 400, {
        type: "invalid_request_error",
        param,
      });
  });
});

describe("tenant isolation", () => {
  it("one tenant's key cannot reach the admin API or another tenant, and its usage is its own", async () => {
    const a = await issueTenantKey(gw.url, "isolation-a");
    const b = await issueTenantKey(gw.url, "isolation-b");
    for (const [method, pathname] of [
      ["GET", `/api/admin/tenants/${b.tenantId}/keys`],
      ["DELETE", `/api/admin/keys/${b.keyId}`],
      ["PATCH", `/api/admin/tenants/${b.tenantId}`],
      ["DELETE", `/api/admin/tenants/${b.tenantId}`],
    ] as const) {
      await adminError(
        await call(
          method,
          pathname,
          method === "PATCH" ? { status: "suspended" } : undefined,
          `Bearer ${a.key}`,
        ),
        401,
        { code: "unauthorized", secrets: [a.key] },
      );
    }
    const clientB = clientFor(b.key);
    expect((await clientB.models.list()).data.length).toBeGreaterThan(0);
    expect(
      (await admin<{ data: KeyRow[] }>(gw.url, "GET", `/api/admin/tenants/${b.tenantId}/keys`))
        .data[0]!.revoked,
    ).toBe(false);

    const ask = async (client: OpenAI) =>
      (
        await client.chat.completions
          .create({
            model: "deepseek/deepseek-chat",
            messages: [{ role: "user", content: "whose request is this?" }],
          })
          .withResponse()
      ).response.headers.get("x-request-id")!;
    const clientA = clientFor(a.key);
    const fromA = [await ask(clientA), await ask(clientA)];
    const fromB = [await ask(clientB)];
    const prisma = getPrisma();
    const rows = await waitFor(
      async () => {
        const found = await prisma.usageRecord.findMany({
          where: { requestId: { in: [...fromA, ...fromB] } },
        });
        return found.length === 3 ? found : undefined;
      },
      { what: "usage rows of both tenants" },
    );
    for (const row of rows) {
      const mine = fromA.includes(row.requestId) ? a : b;
      expect(row.tenantId).toBe(mine.tenantId);
      expect(row.apiKeyId).toBe(mine.keyId);
    }
    expect(await prisma.usageRecord.count({ where: { tenantId: b.tenantId } })).toBe(1);
    expect(await prisma.usageRecord.count({ where: { tenantId: a.tenantId } })).toBe(2);
  });
});
