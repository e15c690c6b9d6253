/**
 * Tenants name models freely: every name the catalogue does not know is metered under
 * one rollup label, its raw text kept (bounded) in the request log only; the migration
 * folds the labels stored before, and keeps those of models that once served.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { startSimulator, type Simulator } from "@/lib/simulator";
import {
  issueTenantKey,
  startGatewayProcess,
  type GatewayProcess,
} from "../support/gateway-process";
import { simProviderEnv } from "../support/sim-provider-env";
import { waitFor } from "../support/wait-for";

const NAMES = 40;

let sim: Simulator;
let gw: GatewayProcess;
beforeAll(async () => {
  sim = await startSimulator();
  gw = await startGatewayProcess({ env: simProviderEnv(sim, { deepseek: ["sk-ds-unknown-1"] }) });
});
afterAll(async () => {
  await gw?.stop();
  await sim?.close();
});

describe("unknown model labels", () => {
  it("meters any number of unknown model names under one rollup label", async () => {
    const { key, tenantId } = await issueTenantKey(gw.url, "unknown-models");
    const ids = await Promise.all(
      Array.from({ length: NAMES }, async (_, i) => {
        const res = await fetch(`${gw.url}/v1/chat/completions`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body: JSON.stringify({
            model: `made-up-${i}`,
            messages: [{ role: "user", content: "x" }],
          }),
        });
        expect(res.status).toBe(400);
        return res.headers.get("x-request-id")!;
      }),
    );
    const prisma = getPrisma();
    await waitFor(
      async () => (await prisma.usageRecord.count({ where: { requestId: { in: ids } } })) === NAMES,
      { what: "usage rows of the unknown-model requests" },
    );
    const hourly = await prisma.usageRollupHourly.findMany({ where: { tenantId } });
    const daily = await prisma.usageRollupDaily.findMany({ where: { tenantId } });
    expect(hourly.map((r) => r.model)).toEqual(["(unknown model)"]);
    expect(daily.map((r) => r.model)).toEqual(["(unknown model)"]);
    expect(Number(daily[0]!.requests)).toBe(NAMES);
    const logged = await prisma.usageRecord.findMany({ where: { requestId: { in: ids } } });
    expect(new Set(logged.map((r) => r.modelRequested)).size).toBe(NAMES);
  });

  it("the migration folds stored unknown labels and keeps models that served", async () => {
    const prisma = getPrisma();
    const tenant = await prisma.tenant.create({
      data: {
        name: `fold-${Date.now()}`,
        plan: { connect: { id: (await prisma.plan.findFirstOrThrow()).id } },
      },
    });
    const day = new Date("2026-01-05T00:00:00Z");
    const row = (model: string, providerId = "") => ({
      day,
      tenantId: tenant.id,
      apiKeyId: "k",
      model,
      providerId,
      requests: 2n,
      errors: 2n,
    });
    await prisma.usageRollupDaily.createMany({
      data: [
        row("typo-1"),
        row("typo-2"),
        row("deepseek-chat"),
        row("retired/model-x", "retired"),
        row("retired/model-x"),
      ],
    });
    const sql = readFileSync(
      path.join(
        import.meta.dirname,
        "../../prisma/migrations/20261207050000_fold_unknown_model_labels/migration.sql",
      ),
      "utf8",
    );
    await prisma.$transaction(async (tx) => {
      for (const statement of sql.split(/;\s*\n/).filter((s) => s.replace(/--.*$/gm, "").trim()))
        await tx.$executeRawUnsafe(statement);
    });
    const after = await prisma.usageRollupDaily.findMany({
      where: { tenantId: tenant.id },
      orderBy: [{ model: "asc" }, { providerId: "asc" }],
    });
    expect(after.map((r) => [r.model, r.providerId, Number(r.requests)])).toEqual([
      ["(unknown model)", "", 4],
      ["deepseek-chat", "", 2],
      ["retired/model-x", "", 2],
      ["retired/model-x", "retired", 2],
    ]);
  });
});
