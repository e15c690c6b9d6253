/**
 * Invoices against real Postgres through the admin API: UTC month boundaries, zero
 * usage, usage exactly at and one token past the allowance, a mid-month plan change,
 * idempotent re-generation, immutability once issued, gapless numbers through void,
 * CSV, and auto-issue after the grace period.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { autoIssueInvoices } from "@/lib/admin/invoices/auto-issue-invoices";
import { writeUsageBatch } from "@/lib/data/usage/write-usage-batch";
import { disconnectPrisma, getPrisma } from "@/lib/db";
import type { UsageEvent } from "@/lib/gateway/metering/usage-event";
import {
  admin,
  startGatewayProcess,
  TEST_ADMIN_KEY,
  type GatewayProcess,
} from "../support/gateway-process";

let gw: GatewayProcess;
let plans: Record<string, string>;

beforeAll(async () => {
  // A long grace period keeps the product's own auto-issue out of this file's way.
  gw = await startGatewayProcess({
    env: { GATEWAY_SIMULATED_PROVIDERS: "1", GATEWAY_INVOICE_GRACE_HOURS: "1440" },
  });
  const list = await admin<{ data: { id: string; name: string }[] }>(
    gw.url,
    "GET",
    "/api/admin/plans",
  );
  plans = Object.fromEntries(list.data.map((p) => [p.name, p.id]));
});
afterAll(async () => {
  await gw?.stop();
  await disconnectPrisma();
});

interface Line {
  kind: string;
  description: string;
  quantity: number;
  unitMicros: number;
  amountMicros: number;
}
interface Invoice {
  id: string;
  number: string | null;
  tenantId: string;
  period: string;
  status: string;
  currency: string;
  totalMicros: number;
  total: string;
  lines: Line[];
}

/** A tenant whose plan history is written as it would have been over past months. */
async function tenantWithHistory(
  history: [plan: string, effectiveAt: string][],
): Promise<{ tenantId: string; keyId: string }> {
  const tenant = await admin<{ id: string }>(gw.url, "POST", "/api/admin/tenants", {
    name: `invoice-${randomUUID().slice(0, 8)}`,
    planId: plans[history.at(-1)![0]],
  });
  const prisma = getPrisma();
  await prisma.tenantPlanChange.deleteMany({ where: { tenantId: tenant.id } });
  await prisma.tenantPlanChange.createMany({
    data: history.map(([plan, at]) => ({
      tenantId: tenant.id,
      planId: plans[plan]!,
      effectiveAt: new Date(at),
    })),
  });
  const key = await admin<{ id: string }>(
    gw.url,
    "POST",
    `/api/admin/tenants/${tenant.id}/keys`,
    {},
  );
  return { tenantId: tenant.id, keyId: key.id };
}

function usage(
  t: { tenantId: string; keyId: string },
  at: string,
  tokens: number,
  pricePer1M = 5_000_000,
): UsageEvent {
  return {
    requestId: `inv_${randomUUID()}`,
    tenantId: t.tenantId,
    apiKeyId: t.keyId,
    modelRequested: "auto",
    providerId: "deepseek",
    deploymentId: "d",
    credentialId: "c",
    upstreamModel: "deepseek-chat",
    promptTokens: tokens,
    completionTokens: 0,
    cachedTokens: 0,
    tokensEstimated: false,
    upstreamCostPicos: tokens * 140_000,
    billedPicos: tokens * pricePer1M,
    latencyMs: 1,
    ttfbMs: 1,
    httpStatus: 200,
    errorClass: null,
    attempts: 1,
    streamed: false,
    createdAt: Date.parse(at),
    prices: {
      inputPricePer1MMicros: 140_000,
      outputPricePer1MMicros: 280_000,
      cachedInputPricePer1MMicros: 14_000,
      cacheWritePricePer1MMicros: null,
      billedPricePer1MMicros: pricePer1M,
    },
  };
}

const generate = async (period: string, tenantId: string) =>
  (
    await admin<{ data: Invoice[] }>(gw.url, "POST", "/api/admin/invoices/generate", {
      period,
      tenantId,
    })
  ).data;
const charge = (inv: Invoice) =>
  inv.lines.filter((l) => l.kind !== "info").reduce((s, l) => s + l.amountMicros, 0);
const lineOf = (inv: Invoice, kind: string) => inv.lines.find((l) => l.kind === kind)!;

describe("invoice arithmetic", () => {
  it("counts a request at 23:59:59.999 on the last day in its month and one at 00:00 on the first in the next", async () => {
    const t = await tenantWithHistory([["Pay as you go", "2026-01-01T00:00:00Z"]]);
    await writeUsageBatch([
      usage(t, "2026-07-31T23:59:59.999Z", 1_000_000),
      usage(t, "2026-08-01T00:00:00.000Z", 2_000_000),
      usage(t, "2026-08-31T23:59:59.999Z", 3_000_000),
      usage(t, "2026-09-01T00:00:00.000Z", 4_000_000),
    ]);
    const [aug] = await generate("2026-08", t.tenantId);
    expect(aug).toMatchObject({
      period: "2026-08",
      status: "draft",
      currency: "USD",
      totalMicros: 25_000_000,
      total: "$25.00",
    });
    expect(lineOf(aug!, "overage")).toMatchObject({
      quantity: 5_000_000,
      amountMicros: 25_000_000,
    });
    expect(charge(aug!)).toBe(aug!.totalMicros);
  });

  it("zero usage bills the plan fee alone", async () => {
    const t = await tenantWithHistory([["Pro", "2026-01-01T00:00:00Z"]]);
    const [inv] = await generate("2026-07", t.tenantId);
    expect(inv!.totalMicros).toBe(29_000_000);
    expect(inv!.lines.map((l) => [l.kind, l.amountMicros])).toEqual([
      ["fee", 29_000_000],
      ["overage", 0],
      ["rounding", 0],
    ]);
  });

  it("usage exactly at the allowance is free, one token past it is charged and rounded once; re-generation changes nothing", async () => {
    const t = await tenantWithHistory([["Starter", "2026-01-01T00:00:00Z"]]);
    await writeUsageBatch([
      usage(t, "2026-09-01T00:00:00.000Z", 4_999_000),
      usage(t, "2026-09-30T23:59:59.999Z", 1_000),
    ]);
    const [at] = await generate("2026-09", t.tenantId);
    expect(at).toMatchObject({ totalMicros: 9_000_000 });
    expect(lineOf(at!, "overage").quantity).toBe(0);

    await writeUsageBatch([usage(t, "2026-09-15T12:00:00.000Z", 1)]);
    const [past] = await generate("2026-09", t.tenantId);
    expect(past!.id).toBe(at!.id);
    expect(lineOf(past!, "overage")).toMatchObject({ quantity: 1, amountMicros: 5 });
    expect(lineOf(past!, "rounding").amountMicros).toBe(-5);
    expect(past!.totalMicros).toBe(9_000_000);
    expect(charge(past!)).toBe(past!.totalMicros);

    const before = await getPrisma().invoice.findUniqueOrThrow({ where: { id: past!.id } });
    const [again] = await generate("2026-09", t.tenantId);
    expect(again).toEqual(past);
    expect(
      (await getPrisma().invoice.findUniqueOrThrow({ where: { id: past!.id } })).updatedAt,
    ).toEqual(before.updatedAt);
  });

  it("bills a month with a plan change on the highest-fee plan held in it, in full", async () => {
    const t = await tenantWithHistory([
      ["Pay as you go", "2026-05-01T00:00:00Z"],
      ["Pro", "2026-06-10T09:00:00Z"],
      ["Free", "2026-06-30T18:00:00Z"],
    ]);
    await writeUsageBatch([
      usage(t, "2026-06-05T00:00:00Z", 30_000_000),
      usage(t, "2026-07-02T00:00:00Z", 1_500_000),
    ]);
    const [june] = await generate("2026-06", t.tenantId);
    expect(lineOf(june!, "fee")).toMatchObject({
      description: "Plan fee: Pro",
      amountMicros: 29_000_000,
    });
    // 30M tokens, 25M of them included by Pro: 5M x $5 per 1M.
    expect(lineOf(june!, "overage")).toMatchObject({
      quantity: 5_000_000,
      amountMicros: 25_000_000,
    });
    expect(june!.totalMicros).toBe(54_000_000);
    const [july] = await generate("2026-07", t.tenantId);
    expect(lineOf(july!, "fee")).toMatchObject({ description: "Plan fee: Free", amountMicros: 0 });
    expect(lineOf(july!, "overage").quantity).toBe(500_000);
  });

  it("issues a month only once it has ended, and brings the draft up to date with the month's usage first", async () => {
    const t = await tenantWithHistory([["Pay as you go", "2026-01-01T00:00:00Z"]]);
    const now = new Date();
    const current = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
    await writeUsageBatch([usage(t, now.toISOString(), 1_000_000)]);
    const [running] = await generate(current, t.tenantId);
    const early = await fetch(`${gw.url}/api/admin/invoices/${running!.id}/issue`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` },
    });
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: { message: string } }).error.message).toMatch(
      /has not ended/,
    );

    // A past month's draft, then usage that arrived after it was generated (journaled late).
    await writeUsageBatch([usage(t, "2026-08-10T00:00:00Z", 1_000_000)]);
    const [stale] = await generate("2026-08", t.tenantId);
    expect(stale!.totalMicros).toBe(5_000_000);
    await writeUsageBatch([usage(t, "2026-08-31T23:59:59.999Z", 1_000_000)]);
    const issued = await admin<Invoice>(gw.url, "POST", `/api/admin/invoices/${stale!.id}/issue`);
    expect(issued).toMatchObject({ id: stale!.id, status: "issued", totalMicros: 10_000_000 });
  });

  it("an issued invoice never changes; void keeps its number and the corrected one takes the next", async () => {
    const t = await tenantWithHistory([["Pay as you go", "2026-01-01T00:00:00Z"]]);
    await writeUsageBatch([usage(t, "2026-04-10T00:00:00Z", 1_000_000)]);
    const [draft] = await generate("2026-04", t.tenantId);
    const issued = await admin<Invoice>(gw.url, "POST", `/api/admin/invoices/${draft!.id}/issue`);
    expect(issued).toMatchObject({ status: "issued", totalMicros: 5_000_000 });
    expect(issued.number).toMatch(/^INV-\d{4}-\d{6}$/);

    // Late usage arrives: the issued invoice stays as it was.
    await writeUsageBatch([usage(t, "2026-04-20T00:00:00Z", 1_000_000)]);
    const [regenerated] = await generate("2026-04", t.tenantId);
    expect(regenerated).toEqual(issued);
    const again = await fetch(`${gw.url}/api/admin/invoices/${issued.id}/issue`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` },
    });
    expect(((await again.json()) as Invoice).number).toBe(issued.number);

    const paid = await admin<Invoice>(gw.url, "POST", `/api/admin/invoices/${issued.id}/pay`);
    expect(paid.status).toBe("paid");
    const voided = await admin<Invoice>(gw.url, "POST", `/api/admin/invoices/${issued.id}/void`);
    expect(voided).toMatchObject({ status: "void", number: issued.number });
    const refused = await fetch(`${gw.url}/api/admin/invoices/${issued.id}/pay`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` },
    });
    expect(refused.status).toBe(409);

    const [corrected] = await generate("2026-04", t.tenantId);
    expect(corrected!.id).not.toBe(issued.id);
    expect(corrected).toMatchObject({ status: "draft", totalMicros: 10_000_000 });
    const reissued = await admin<Invoice>(
      gw.url,
      "POST",
      `/api/admin/invoices/${corrected!.id}/issue`,
    );
    const seq = (n: string | null) => Number(n!.slice(-6));
    expect(seq(reissued.number)).toBe(seq(issued.number) + 1);

    const listed = await admin<{ data: Invoice[] }>(
      gw.url,
      "GET",
      `/api/admin/invoices?tenantId=${t.tenantId}&period=2026-04`,
    );
    expect(listed.data.map((i) => [i.status, i.number])).toEqual([
      ["issued", reissued.number],
      ["void", issued.number],
    ]);
    const audit = await admin<{ data: { action: string; targetId: string }[] }>(
      gw.url,
      "GET",
      "/api/admin/audit?action=invoice",
    );
    expect(
      audit.data
        .filter((a) => a.targetId === issued.id)
        .map((a) => a.action)
        .sort(),
    ).toEqual(["invoice.issued", "invoice.paid", "invoice.voided"]);
  });

  it("serves an invoice as CSV, by query or by Accept", async () => {
    const t = await tenantWithHistory([["Starter", "2026-01-01T00:00:00Z"]]);
    const [inv] = await generate("2026-03", t.tenantId);
    for (const [query, accept] of [
      ["?format=csv", "*/*"],
      ["", "text/csv"],
    ] as const) {
      const res = await fetch(`${gw.url}/api/admin/invoices/${inv!.id}${query}`, {
        headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, accept },
      });
      expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
      const rows = (await res.text()).trim().split("\r\n");
      expect(rows[0]).toBe(
        "number,tenantId,period,status,currency,kind,description,quantity,unitMicros,amountMicros",
      );
      expect(rows[1]).toContain("fee,Plan fee: Starter,1,9000000,9000000");
      expect(rows.at(-1)).toMatch(/,total,Total \$9\.00,,,9000000$/);
    }
  });

  it("issues last month's drafts by itself once the grace period has passed, and only then", async () => {
    const t = await tenantWithHistory([["Starter", "2026-01-01T00:00:00Z"]]);
    const monthEnd = Date.parse("2026-03-01T00:00:00Z");
    expect(await autoIssueInvoices({ now: monthEnd + 3_600_000, graceMs: 24 * 3_600_000 })).toEqual(
      [],
    );
    const issued = await autoIssueInvoices({
      now: monthEnd + 25 * 3_600_000,
      graceMs: 24 * 3_600_000,
    });
    const feb = (
      await admin<{ data: Invoice[] }>(
        gw.url,
        "GET",
        `/api/admin/invoices?tenantId=${t.tenantId}&period=2026-02`,
      )
    ).data;
    expect(feb).toHaveLength(1);
    expect(feb[0]).toMatchObject({ status: "issued", totalMicros: 9_000_000 });
    expect(issued).toContain(feb[0]!.number);
    // A second round (another instance) issues nothing twice.
    expect(
      await autoIssueInvoices({ now: monthEnd + 26 * 3_600_000, graceMs: 24 * 3_600_000 }),
    ).toEqual([]);
  });

  it("keeps a deleted tenant's usage and invoices", async () => {
    const t = await tenantWithHistory([["Pay as you go", "2026-01-01T00:00:00Z"]]);
    await writeUsageBatch([usage(t, "2026-05-05T00:00:00Z", 2_000_000)]);
    const [draft] = await generate("2026-05", t.tenantId);
    const issued = await admin<Invoice>(gw.url, "POST", `/api/admin/invoices/${draft!.id}/issue`);
    await admin(gw.url, "DELETE", `/api/admin/tenants/${t.tenantId}`);
    const listed = await admin<{ data: Invoice[] }>(
      gw.url,
      "GET",
      `/api/admin/invoices?tenantId=${t.tenantId}`,
    );
    expect(listed.data.map((i) => i.number)).toEqual([issued.number]);
    const spend = await admin<{
      data: { tenantId: string; requests: number; billedMicros: number }[];
    }>(
      gw.url,
      "GET",
      `/api/admin/usage?groupBy=tenant&tenantId=${t.tenantId}&from=2026-05-01&to=2026-06-01`,
    );
    expect(spend.data).toEqual([
      expect.objectContaining({ tenantId: t.tenantId, requests: 1, billedMicros: 10_000_000 }),
    ]);
  });

  it("answers bad input with a 400 and unknown invoices with a 404", async () => {
    const bad = await fetch(`${gw.url}/api/admin/invoices/generate`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` },
      body: JSON.stringify({ period: "2026-13" }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { param: string } }).error.param).toBe("period");
    const missing = await fetch(`${gw.url}/api/admin/invoices/nope`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` },
    });
    expect(missing.status).toBe(404);
  });
});
