/**
 * prismaAlertStore and the alert data functions against the migrated test database:
 * rows are created, delivery outcomes recorded, and the dashboard reads them newest first.
 */
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { AlertNotifier } from "../../lib/alerts/alert-notifier";
import { prismaAlertStore } from "../../lib/alerts/prisma-alert-store";
import { listAlerts } from "../../lib/admin/alerts/list-alerts";
import { disconnectPrisma, getPrisma } from "../../lib/db";

beforeEach(async () => {
  await getPrisma().alert.deleteMany();
});

afterAll(async () => {
  await getPrisma().alert.deleteMany();
  await disconnectPrisma();
});

describe("prismaAlertStore", () => {
  it("creates a row and records failed and successful delivery attempts", async () => {
    const createdAt = new Date("2025-01-02T03:04:05.678Z");
    const id = await prismaAlertStore.create({
      kind: "breaker_opened",
      message: "DeepSeek key deepseek-env-1 (…abcd) opened: billing 402",
      payload: { providerId: "deepseek", last4: "abcd", httpStatus: 402 },
      createdAt,
    });
    expect(typeof id).toBe("bigint");

    const fresh = await getPrisma().alert.findUniqueOrThrow({ where: { id } });
    expect(fresh).toMatchObject({
      kind: "breaker_opened",
      attempts: 0,
      deliveredAt: null,
      lastError: null,
      createdAt,
    });
    expect(fresh.payload).toEqual({ providerId: "deepseek", last4: "abcd", httpStatus: 402 });

    await prismaAlertStore.markDelivery(id, { attempts: 1, lastError: "HTTP 500" });
    const deliveredAt = new Date("2025-01-02T03:04:07.000Z");
    await prismaAlertStore.markDelivery(id, { attempts: 2, deliveredAt });

    // lastError is left as it was: it tells why the first attempt needed a retry.
    const done = await getPrisma().alert.findUniqueOrThrow({ where: { id } });
    expect(done).toMatchObject({ attempts: 2, deliveredAt, lastError: "HTTP 500" });
  });

  it("lists recent alerts newest first, limited", async () => {
    for (const [i, kind] of (
      ["breaker_opened", "breaker_quarantined", "no_provider_available"] as const
    ).entries()) {
      await prismaAlertStore.create({
        kind,
        message: `alert ${i}`,
        payload: {},
        createdAt: new Date(Date.UTC(2025, 0, 1, 0, i)),
      });
    }
    const recent = await listAlerts({ limit: 2 });
    expect(recent.map((a) => [a.kind, a.message])).toEqual([
      ["no_provider_available", "alert 2"],
      ["breaker_quarantined", "alert 1"],
    ]);
    expect(typeof recent[0]!.id).toBe("string");
    expect(recent[0]!.delivered).toBe(false);
  });

  it("stores and delivers through AlertNotifier end to end", async () => {
    const bodies: Record<string, unknown>[] = [];
    const server = createServer((req, res) => {
      let raw = "";
      req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      req.on("end", () => {
        bodies.push(JSON.parse(raw) as Record<string, unknown>);
        res.end();
        server.emit("received");
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const notifier = new AlertNotifier({
      webhookUrl: url,
      store: prismaAlertStore,
      log: pino({ level: "silent" }),
    });
    try {
      const received = once(server, "received");
      notifier.notify({
        kind: "no_provider_available",
        text: "No provider left for model gpt-4o-mini",
        details: { model: "gpt-4o-mini" },
      });
      await received;
      await notifier.close();
    } finally {
      server.closeAllConnections();
      server.close();
    }

    const [row] = await listAlerts();
    expect(row).toMatchObject({
      kind: "no_provider_available",
      attempts: 1,
      delivered: true,
      lastError: null,
      payload: { model: "gpt-4o-mini" },
    });
    expect(bodies).toEqual([
      {
        text: "No provider left for model gpt-4o-mini",
        kind: "no_provider_available",
        model: "gpt-4o-mini",
        alertId: row!.id,
        createdAt: row!.createdAt.toISOString(),
      },
    ]);
  });
});
