/**
 * Money end to end with the `openai` client: streamed and non-streamed answers, tool
 * calls and cached tokens are metered at the deployment's prices (kept on each row),
 * the usage API answers from rollups to the micro-dollar, the month's draft invoice
 * matches the sum of the rows, prices are edited and audited without rewriting
 * history, and the request log pages with a cursor.
 */
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectPrisma, getPgPool } from "@/lib/db";
import { startSimulator, type Simulator } from "@/lib/simulator";
import { collectStream } from "../support/chat-stream";
import {
  admin,
  issueTenantKey,
  startGatewayProcess,
  TEST_ADMIN_KEY,
  type GatewayProcess,
} from "../support/gateway-process";
import { simProviderEnv } from "../support/sim-provider-env";
import { waitFor } from "../support/wait-for";

let sim: Simulator;
let gw: GatewayProcess;

beforeAll(async () => {
  sim = await startSimulator();
  gw = await startGatewayProcess({
    env: simProviderEnv(
      sim,
      { deepseek: ["sk-ds-spend-1"] },
      { GATEWAY_INVOICE_GRACE_HOURS: "1440" },
    ),
  });
});
afterAll(async () => {
  await gw?.stop();
  await sim?.close();
  await disconnectPrisma();
});

interface UsageRow {
  requestId: string;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  upstreamCostPicos: string;
  billedPicos: string;
  inputPricePer1MMicros: string;
  cachedInputPricePer1MMicros: string;
  billedPricePer1MMicros: string;
  streamed: boolean;
  endUser: string | null;
  tags: string[];
}

async function rowsOf(tenantId: string, count: number): Promise<UsageRow[]> {
  return waitFor(
    async () => {
      const { rows } = await getPgPool().query<UsageRow>(
        `SELECT "requestId", "promptTokens", "completionTokens", "cachedTokens", "upstreamCostPicos"::text, "billedPicos"::text, "inputPricePer1MMicros"::text,
                "cachedInputPricePer1MMicros"::text, "billedPricePer1MMicros"::text, "streamed", "endUser", "tags"
         FROM "UsageRecord" WHERE "tenantId" = $1 ORDER BY "id"`,
        [tenantId],
      );
      return rows.length >= count ? rows : undefined;
    },
    { timeoutMs: 10_000, what: `${count} usage rows` },
  );
}

const authed = { authorization: `Bearer ${TEST_ADMIN_KEY}` };

describe("a scripted month, metered and invoiced", () => {
  it("meters and prices streamed, non-streamed, tool-call and cached-token requests, and the invoice matches the rows to the micro-dollar", async () => {
    const { key, tenantId } = await issueTenantKey(gw.url, "spend-month");
    const client = new OpenAI({
      apiKey: key,
      baseURL: `${gw.url}/v1`,
      maxRetries: 0,
      defaultHeaders: { "x-gateway-tags": "team:search" },
    });
    const model = "deepseek/deepseek-chat";
    await client.chat.completions.create({
      model,
      messages: [{ role: "user", content: "Hello there, how are you?" }],
      user: "alice",
    });
    await collectStream(
      await client.chat.completions.create({
        model,
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: "user", content: "Stream me a story." }],
      }),
    );
    await client.chat.completions.create({
      model,
      messages: [{ role: "user", content: "What is the weather in Paris?" }],
      tools: [
        {
          type: "function",
          function: {
            name: "get_weather",
            parameters: { type: "object", properties: { city: { type: "string" } } },
          },
        },
      ],
      metadata: { project: "atlas" },
    });
    // A prompt past 1,024 tokens: the upstream reports half of it as cache hits.
    await client.chat.completions.create({
      model,
      messages: [{ role: "user", content: "lorem ipsum ".repeat(500) }],
    });

    const rows = await rowsOf(tenantId, 4);
    expect(rows.map((r) => r.streamed)).toEqual([false, true, false, false]);
    expect(rows[0]!.endUser).toBe("alice");
    expect(rows[0]!.tags).toEqual(["team:search"]);
    expect(rows[2]!.tags).toEqual(["team:search", "project:atlas"]);
    const cached = rows[3]!;
    expect(cached.cachedTokens).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.promptTokens + r.completionTokens).toBeGreaterThan(0);
      // Cache hits at DeepSeek's cached rate, the rest at input and output rates, as seeded.
      const cost =
        (r.promptTokens - r.cachedTokens) * 140_000 +
        r.cachedTokens * 14_000 +
        r.completionTokens * 280_000;
      expect(Number(r.upstreamCostPicos)).toBe(cost);
      expect([
        r.inputPricePer1MMicros,
        r.cachedInputPricePer1MMicros,
        r.billedPricePer1MMicros,
      ]).toEqual(["140000", "14000", "5000000"]);
      expect(Number(r.billedPicos)).toBe((r.promptTokens + r.completionTokens) * 5_000_000);
    }
    const billedPicos = rows.reduce((s, r) => s + BigInt(r.billedPicos), 0n);
    const costPicos = rows.reduce((s, r) => s + BigInt(r.upstreamCostPicos), 0n);
    const tokens = rows.reduce((s, r) => s + r.promptTokens + r.completionTokens, 0);

    // The usage API answers from the rollups, kept current as usage is flushed.
    const byTenant = await admin<{
      data: {
        tenantId: string;
        requests: number;
        promptTokens: number;
        cachedTokens: number;
        costMicros: number;
        billedMicros: number;
        billed: string;
      }[];
    }>(gw.url, "GET", `/api/admin/usage?groupBy=tenant&tenantId=${tenantId}`);
    expect(byTenant.data).toHaveLength(1);
    expect(byTenant.data[0]).toMatchObject({
      tenantId,
      requests: 4,
      cachedTokens: cached.cachedTokens,
      billedMicros: Number((billedPicos + 500_000n) / 1_000_000n),
      costMicros: Number((costPicos + 500_000n) / 1_000_000n),
    });
    const byUser = await admin<{ data: { key: string; requests: number }[] }>(
      gw.url,
      "GET",
      `/api/admin/usage?groupBy=user&tenantId=${tenantId}`,
    );
    expect(byUser.data).toEqual([expect.objectContaining({ key: "alice", requests: 1 })]);
    const byTag = await admin<{ data: { key: string; requests: number }[] }>(
      gw.url,
      "GET",
      `/api/admin/usage?groupBy=tag&tenantId=${tenantId}`,
    );
    expect(byTag.data.map((g) => [g.key, g.requests]).sort()).toEqual([
      ["project:atlas", 1],
      ["team:search", 4],
    ]);
    const byHour = await admin<{ data: { hour: string; requests: number }[] }>(
      gw.url,
      "GET",
      `/api/admin/usage?groupBy=hour&tenantId=${tenantId}&from=${new Date(Date.now() - 7_200_000).toISOString()}`,
    );
    expect(byHour.data.reduce((s, g) => s + g.requests, 0)).toBe(4);

    // This month's draft invoice: every token past nothing-included, to the micro-dollar.
    const now = new Date();
    const period = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
    const { data } = await admin<{
      data: {
        status: string;
        totalMicros: number;
        lines: { kind: string; quantity: number; amountMicros: number }[];
      }[];
    }>(gw.url, "POST", "/api/admin/invoices/generate", { period, tenantId });
    const overage = data[0]!.lines.find((l) => l.kind === "overage")!;
    expect(data[0]!.status).toBe("draft");
    expect(overage.quantity).toBe(tokens);
    expect(overage.amountMicros).toBe(Number(billedPicos / 1_000_000n));
    expect(data[0]!.totalMicros).toBe(
      Number(((billedPicos + 5_000_000_000n) / 10_000_000_000n) * 10_000n),
    );
  });
});

describe("prices", () => {
  interface Price {
    id: string;
    model: string;
    inputPricePer1MMicros: number;
    cachedInputPricePer1MMicros: number | null;
    cacheWritePricePer1MMicros: number | null;
    billedPricePer1MMicros: number;
    belowCost: boolean;
  }

  it("lists upstream and billed prices, flags models sold below cost, audits changes and never rewrites metered rows", async () => {
    const { data } = await admin<{ data: Price[] }>(gw.url, "GET", "/api/admin/prices");
    const byModel = Object.fromEntries(data.map((p) => [p.model, p]));
    expect(byModel["anthropic/claude-3-5-sonnet-latest"]).toMatchObject({
      cachedInputPricePer1MMicros: 300_000,
      cacheWritePricePer1MMicros: 3_750_000,
      billedPricePer1MMicros: 5_000_000,
      belowCost: true,
    });
    expect(byModel["deepseek/deepseek-chat"]).toMatchObject({
      inputPricePer1MMicros: 140_000,
      cachedInputPricePer1MMicros: 14_000,
      belowCost: false,
    });

    const { key, tenantId } = await issueTenantKey(gw.url, "spend-prices");
    const client = new OpenAI({ apiKey: key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
    await client.chat.completions.create({
      model: "deepseek/deepseek-chat",
      messages: [{ role: "user", content: "before the change" }],
    });
    await rowsOf(tenantId, 1);

    const updated = await admin<{ data: Price[] }>(gw.url, "PUT", "/api/admin/prices", {
      model: "deepseek/deepseek-chat",
      inputPricePer1MMicros: 200_000,
      billedPricePer1MMicros: 6_000_000,
    });
    expect(updated.data.find((p) => p.model === "deepseek/deepseek-chat")).toMatchObject({
      inputPricePer1MMicros: 200_000,
      billedPricePer1MMicros: 6_000_000,
    });
    // Every instance reloads its catalogue; poll until a new request is priced anew.
    const rows = await waitFor(
      async () => {
        await client.chat.completions.create({
          model: "deepseek/deepseek-chat",
          messages: [{ role: "user", content: "after the change" }],
        });
        const r = await rowsOf(tenantId, 2);
        return r.at(-1)!.inputPricePer1MMicros === "200000" ? r : undefined;
      },
      { timeoutMs: 10_000, what: "new price in use" },
    );
    expect([rows[0]!.inputPricePer1MMicros, rows[0]!.billedPricePer1MMicros]).toEqual([
      "140000",
      "5000000",
    ]);
    expect(rows.at(-1)!.billedPricePer1MMicros).toBe("6000000");

    const audit = await admin<{
      data: {
        action: string;
        details: {
          model: string;
          before: { inputPricePer1MMicros: number };
          after: { inputPricePer1MMicros: number };
        };
      }[];
    }>(gw.url, "GET", "/api/admin/audit?action=price.changed");
    expect(audit.data[0]!.details).toMatchObject({
      model: "deepseek/deepseek-chat",
      before: { inputPricePer1MMicros: 140_000 },
      after: { inputPricePer1MMicros: 200_000 },
    });
    await admin(gw.url, "PUT", "/api/admin/prices", {
      model: "deepseek/deepseek-chat",
      inputPricePer1MMicros: 140_000,
      billedPricePer1MMicros: null,
    });

    const bad = await fetch(`${gw.url}/api/admin/prices`, {
      method: "PUT",
      headers: authed,
      body: JSON.stringify({ model: "deepseek/deepseek-chat", inputPricePer1MMicros: -1 }),
    });
    expect(bad.status).toBe(400);
    const unknown = await fetch(`${gw.url}/api/admin/prices`, {
      method: "PUT",
      headers: authed,
      body: JSON.stringify({ model: "nope/none", inputPricePer1MMicros: 1 }),
    });
    expect(unknown.status).toBe(404);
  });
});

describe("request log", () => {
  it("pages newest first with a cursor, metadata only", async () => {
    const { key, tenantId } = await issueTenantKey(gw.url, "spend-log");
    const client = new OpenAI({ apiKey: key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
    for (let i = 0; i < 5; i++)
      await client.chat.completions.create({
        model: "deepseek/deepseek-chat",
        messages: [{ role: "user", content: `secret prompt ${i}` }],
      });
    await rowsOf(tenantId, 5);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: {
        data: { requestId: string; tenantId: string; status: number }[];
        nextCursor: string | null;
      } = await admin(
        gw.url,
        "GET",
        `/api/admin/requests?tenantId=${tenantId}&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.data.length).toBeLessThanOrEqual(2);
      for (const r of page.data) expect(r).toMatchObject({ tenantId, status: 200 });
      expect(JSON.stringify(page)).not.toContain("secret prompt");
      seen.push(...page.data.map((r) => r.requestId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const bad = await fetch(`${gw.url}/api/admin/requests?cursor=abc`, { headers: authed });
    expect(bad.status).toBe(400);
  });
});
