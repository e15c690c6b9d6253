/**
 * One bad usage event never stops metering: against the real usage table, a batch with
 * an event Postgres refuses (its tenant is gone: a foreign-key violation) is split until
 * that event is alone; it lands in the dead-letter table with its reason, and every
 * other event, before and after it, is written.
 */
import { mkdtempSync } from "node:fs";
import { randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { writeUsageBatch } from "@/lib/data/usage/write-usage-batch";
import { writeUsageDeadLetters } from "@/lib/data/usage/write-usage-dead-letters";
import { classifyDatabaseError } from "@/lib/database/database-error";
import { getPrisma } from "@/lib/db";
import { UsageBuffer } from "@/lib/gateway/metering/usage-buffer";
import type { UsageEvent } from "@/lib/gateway/metering/usage-event";
import { UsageJournal } from "@/lib/gateway/metering/usage-journal";
import { createMeteredTenant, usageEvent } from "../support/usage-fixtures";

let tenantId: string;
let apiKeyId: string;

beforeAll(async () => {
  ({ tenantId, apiKeyId } = await createMeteredTenant("poison"));
});

const event = (over: Partial<UsageEvent> = {}): UsageEvent =>
  usageEvent({ tenantId, apiKeyId }, over);

describe("poisoned usage", () => {
  it("dead-letters the one event Postgres refuses and writes the other 102, and later ones", async () => {
    const meter = new UsageBuffer({
      write: writeUsageBatch,
      deadLetter: writeUsageDeadLetters,
      classify: (err) =>
        ["bad_input", "constraint"].includes(classifyDatabaseError(err))
          ? "bad_data"
          : "unavailable",
      journal: new UsageJournal({
        dir: path.join(mkdtempSync(path.join(os.tmpdir(), "poison-")), "usage-journal"),
      }),
      log: pino({ level: "silent" }),
    });
    const events = Array.from({ length: 103 }, (_, i) =>
      event(
        i === 50
          ? { tenantId: `gone-${randomUUID()}`, modelRequested: "a\u0000b\ud800" }
          : i === 7
            ? { modelRequested: "x\u0000y" }
            : {},
      ),
    );
    for (const e of events) meter.record(e);
    await meter.flush();
    const later = event();
    meter.record(later);
    await meter.close();

    const ids = events.map((e) => e.requestId);
    const rows = await getPrisma().usageRecord.findMany({
      where: { requestId: { in: [...ids, later.requestId] } },
    });
    expect(rows).toHaveLength(103);
    expect(rows.find((r) => r.requestId === events[7]!.requestId)!.modelRequested).toBe("x\ufffdy");
    const dead = await getPrisma().usageDeadLetter.findMany({
      where: { requestId: events[50]!.requestId },
    });
    expect(dead).toHaveLength(1);
    expect(dead[0]!.reason).toMatch(/^23503 /);
    expect(JSON.parse(dead[0]!.payload)).toMatchObject({
      requestId: events[50]!.requestId,
      modelRequested: "a\ufffdb\ufffd",
    });
    expect(meter.status()).toMatchObject({ writable: true, deadLetters: 1, pending: 0 });
  });
});
