/**
 * Limits through the real product with the `openai` client as the caller: two
 * instances share a key's allowance through Postgres leases and never pass it; refusals
 * are OpenAI-shaped 429s with Retry-After and x-ratelimit-* headers and never touch a
 * breaker; tenants never spend each other's allowance; usage lands on the right tenant.
 */
import OpenAI, { APIError } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPgPool } from "@/lib/db";
import { startSimulator, type Simulator } from "@/lib/simulator";
import {
  admin,
  issueTenantKey,
  startGatewayProcess,
  type GatewayProcess,
} from "../support/gateway-process";
import { simProviderEnv } from "../support/sim-provider-env";
import { waitFor } from "../support/wait-for";

let sim: Simulator;
let a: GatewayProcess;
let b: GatewayProcess;

beforeAll(async () => {
  sim = await startSimulator();
  const env = simProviderEnv(
    sim,
    { deepseek: ["sk-ds-limits-1"] },
    { GATEWAY_LIMIT_LEASE_PERCENT: "10" },
  );
  [a, b] = await Promise.all([startGatewayProcess({ env }), startGatewayProcess({ env })]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await sim?.close();
});

const client = (gw: GatewayProcess, key: string) =>
  new OpenAI({ apiKey: key, baseURL: `${gw.url}/v1`, maxRetries: 0 });

interface Outcome {
  status: number;
  headers: Headers;
  code?: string | null;
}

async function ask(
  gw: GatewayProcess,
  key: string,
  extra: Partial<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming> = {},
): Promise<Outcome> {
  try {
    const { response } = await client(gw, key)
      .chat.completions.create({
        model: "deepseek/deepseek-chat",
        messages: [{ role: "user", content: "Say hello in five words." }],
        max_tokens: 20,
        ...extra,
      })
      .withResponse();
    return { status: response.status, headers: response.headers };
  } catch (err) {
    if (err instanceof APIError)
      return { status: err.status ?? 0, headers: err.headers ?? new Headers(), code: err.code };
    throw err;
  }
}

/** Waits until at least `seconds` remain in the current UTC minute, so a burst stays inside one window. */
async function roomInMinute(seconds: number): Promise<void> {
  await waitFor(async () => 60 - new Date().getUTCSeconds() >= seconds, {
    timeoutMs: 70_000,
    intervalMs: 200,
    what: "room in the current minute",
  });
}

describe("limits across two instances", () => {
  it("200 parallel requests against a key with 50 requests a minute: never more than 50 pass; the 429s say when to retry", async () => {
    const { key } = await issueTenantKey(a.url, "limits-burst", { requestsPerMinute: 50 });
    const before = await admin<{ data: { state: string; failures: number }[] }>(
      a.url,
      "GET",
      "/api/admin/credentials",
    );
    await roomInMinute(25);
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_, i) => ask(i % 2 ? a : b, key)),
    );
    const ok = outcomes.filter((o) => o.status === 200);
    const refused = outcomes.filter((o) => o.status === 429);
    expect(ok.length + refused.length).toBe(200);
    // Stated bound with Postgres reachable: leases never sum past the limit, so exactly the limit.
    expect(ok.length).toBeLessThanOrEqual(50);
    expect(ok.length).toBeGreaterThanOrEqual(45);
    for (const r of refused) {
      expect(r.code).toBe("rate_limit_exceeded");
      const retry = Number(r.headers.get("retry-after"));
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(retry).toBeLessThanOrEqual(60);
      expect(r.headers.get("x-ratelimit-limit-requests")).toBe("50");
      expect(r.headers.get("x-ratelimit-remaining-requests")).toMatch(/^\d+$/);
      expect(r.headers.get("x-ratelimit-reset-requests")).toMatch(/^\d+(ms|s)$|^\d+m\d+s$/);
    }
    for (const o of ok) expect(o.headers.get("x-ratelimit-limit-requests")).toBe("50");
    // Answers that spend nothing carry the headers too.
    const { response: models } = await client(a, key).models.list().withResponse();
    expect(models.headers.get("x-ratelimit-limit-requests")).toBe("50");
    expect(models.headers.get("x-ratelimit-remaining-requests")).toMatch(/^\d+$/);
    // A refusal by our own limits never reaches a provider, so no breaker learned anything.
    const after = await admin<{ data: { state: string; failures: number }[] }>(
      a.url,
      "GET",
      "/api/admin/credentials",
    );
    expect(after.data.map((c) => [c.state, c.failures])).toEqual(
      before.data.map((c) => [c.state, c.failures]),
    );
  });

  it("a tenant never spends another's allowance, and usage lands on the right tenant", async () => {
    const tenants = await Promise.all(
      [0, 1, 2].map((i) =>
        issueTenantKey(a.url, `limits-tenant-${i}`, {}, { requestsPerMinute: 4 }),
      ),
    );
    await roomInMinute(20);
    // Tenant 0 spends its minute twice over; tenants 1 and 2 use exactly theirs, in parallel, through both instances.
    const sends = tenants.flatMap((t, i) =>
      Array.from({ length: i === 0 ? 8 : 4 }, (_, j) => ({
        t,
        gw: j % 2 ? a : b,
        user: `end-user-${i}`,
      })),
    );
    const outcomes = await Promise.all(
      sends.map((s) =>
        ask(s.gw, s.t.key, { user: s.user }).then((o) => ({ ...o, tenantId: s.t.tenantId })),
      ),
    );
    const okBy = (id: string) =>
      outcomes.filter((o) => o.tenantId === id && o.status === 200).length;
    expect(okBy(tenants[0]!.tenantId)).toBe(4);
    expect(okBy(tenants[1]!.tenantId)).toBe(4);
    expect(okBy(tenants[2]!.tenantId)).toBe(4);

    const pool = getPgPool();
    const ids = tenants.map((t) => t.tenantId);
    const rows = await waitFor(
      async () => {
        const { rows } = await pool.query<{ tenantId: string; n: number; users: string[] }>(
          `SELECT "tenantId", count(*)::int AS n, array_agg(DISTINCT "endUser") AS users FROM "UsageRecord" WHERE "tenantId" = ANY($1) GROUP BY 1`,
          [ids],
        );
        return rows.reduce((s, r) => s + r.n, 0) === sends.length ? rows : undefined;
      },
      { timeoutMs: 10_000, what: "every request metered" },
    );
    for (const [i, id] of ids.entries()) {
      const row = rows.find((r) => r.tenantId === id)!;
      expect(row.n).toBe(i === 0 ? 8 : 4);
      expect(row.users).toEqual([`end-user-${i}`]);
    }
  });

  it("a monthly token quota serves the request that crosses it and refuses the next until the month ends", async () => {
    const plan = await admin<{ id: string }>(a.url, "POST", "/api/admin/plans", {
      name: `Tiny free ${Date.now()}`,
      includedTokens: 30,
      allowOverage: false,
      overagePricePer1MMicros: 5_000_000,
    });
    const { key } = await issueTenantKey(a.url, "limits-quota", {}, { planId: plan.id });
    const first = await ask(a, key);
    expect(first.status).toBe(200);
    // The first request's reservation (prompt estimate + 20) and real use stay under 30; the second crosses.
    let crossing: Outcome | undefined;
    for (let i = 0; i < 5 && (!crossing || crossing.status === 200); i++)
      crossing = await ask(i % 2 ? a : b, key);
    const refused = crossing!;
    expect(refused.status).toBe(429);
    expect(refused.code).toBe("quota_exceeded");
    const now = new Date();
    const monthEnd = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
    expect(
      Math.abs(Number(refused.headers.get("retry-after")) - (monthEnd - Date.now()) / 1000),
    ).toBeLessThan(30);
    expect(refused.headers.get("x-ratelimit-limit-tokens")).toBe("30");
  });

  it("a suspended tenant's key gets 403 tenant_suspended", async () => {
    const { key, tenantId } = await issueTenantKey(a.url, "limits-suspended");
    expect((await ask(b, key)).status).toBe(200);
    await admin(a.url, "PATCH", `/api/admin/tenants/${tenantId}`, { status: "suspended" });
    await waitFor(async () => (await ask(b, key)).status === 403, {
      timeoutMs: 5_000,
      what: "suspension seen by the other instance",
    });
    const refused = await ask(a, key);
    expect(refused).toMatchObject({ status: 403, code: "tenant_suspended" });
  });
});
