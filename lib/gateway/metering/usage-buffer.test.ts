import { mkdtempSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { UsageBuffer } from "./usage-buffer";
import type { UsageEvent } from "./usage-event";
import { UsageJournal } from "./usage-journal";

const silent = pino({ level: "silent" });

function event(n: number): UsageEvent {
  return {
    requestId: `req_${n}`, tenantId: "t", apiKeyId: "k", modelRequested: "auto", providerId: "deepseek", deploymentId: "d",
    credentialId: "c", upstreamModel: "deepseek-chat", promptTokens: n, completionTokens: 1, cachedTokens: 0, tokensEstimated: false,
    upstreamCostPicos: 0, billedPicos: 0, latencyMs: 1, ttfbMs: 1, httpStatus: 200, errorClass: null, attempts: 1, streamed: false, createdAt: 0,
  };
}

function journalFile() {
  return path.join(mkdtempSync(path.join(os.tmpdir(), "usage-journal-")), "usage.ndjson");
}

/** A store that is unique on request id, like the usage table. */
function fakeStore() {
  const rows = new Map<string, UsageEvent>();
  let down = false;
  return {
    rows,
    setDown: (d: boolean) => (down = d),
    write: async (events: UsageEvent[]) => {
      if (down) throw new Error("connection refused");
      for (const e of events) if (!rows.has(e.requestId)) rows.set(e.requestId, e);
    },
  };
}

describe("UsageBuffer", () => {
  it("writes events in batches off the caller's path", async () => {
    const store = fakeStore();
    const buffer = new UsageBuffer({ write: store.write, journal: new UsageJournal(journalFile()), log: silent, batchSize: 2 });
    for (let i = 0; i < 5; i++) buffer.record(event(i));
    await buffer.flush();
    expect(store.rows.size).toBe(5);
    expect(buffer.depth).toBe(0);
  });

  it("keeps events through a database outage and writes them when it recovers", async () => {
    const store = fakeStore();
    const buffer = new UsageBuffer({ write: store.write, journal: new UsageJournal(journalFile()), log: silent });
    store.setDown(true);
    buffer.record(event(1));
    await buffer.flush();
    expect(buffer.depth).toBe(1);
    store.setDown(false);
    await buffer.flush();
    expect([...store.rows.keys()]).toEqual(["req_1"]);
  });

  it("spills the oldest events to the journal past its bound, and replays them at next start", async () => {
    const file = journalFile();
    const store = fakeStore();
    store.setDown(true);
    const first = new UsageBuffer({ write: store.write, journal: new UsageJournal(file), log: silent, maxBuffered: 3, batchSize: 100 });
    for (let i = 0; i < 5; i++) first.record(event(i));
    expect(first.depth).toBe(3);
    await first.close();
    expect(existsSync(file)).toBe(true);

    store.setDown(false);
    const second = new UsageBuffer({ write: store.write, journal: new UsageJournal(file), log: silent });
    second.start();
    await second.flush();
    await second.close();
    expect([...store.rows.keys()].sort()).toEqual(["req_0", "req_1", "req_2", "req_3", "req_4"]);
    expect(existsSync(file)).toBe(false);
  });

  it("counts an event once even when a batch is written twice", async () => {
    const store = fakeStore();
    const buffer = new UsageBuffer({ write: store.write, journal: new UsageJournal(journalFile()), log: silent });
    buffer.record(event(7));
    buffer.record(event(7));
    await buffer.flush();
    expect(store.rows.size).toBe(1);
  });
});
