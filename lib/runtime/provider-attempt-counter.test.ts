import pino from "pino";
import { describe, expect, it } from "vitest";
import type { ProviderAttemptCount } from "@/lib/data/providers/record-provider-attempts";
import { ProviderAttemptCounter } from "./provider-attempt-counter";

const log = pino({ level: "silent" });
const T = Date.UTC(2026, 11, 7, 4, 0, 0);

describe("ProviderAttemptCounter", () => {
  it("adds attempts up per minute, provider and outcome, and writes them in one batch", async () => {
    const writes: ProviderAttemptCount[][] = [];
    const counter = new ProviderAttemptCounter(log, 60_000, 100, async (rows) => {
      writes.push(rows);
    });
    for (let i = 0; i < 1000; i++) counter.count("deepseek", "overloaded", T + i);
    counter.count("deepseek", "ok", T + 5);
    counter.count("openai", "ok", T + 61_000);
    await counter.close();
    expect(writes).toHaveLength(1);
    expect(writes[0]).toEqual([
      { minute: new Date(T), providerId: "deepseek", outcome: "overloaded", count: 1000 },
      { minute: new Date(T), providerId: "deepseek", outcome: "ok", count: 1 },
      { minute: new Date(T + 60_000), providerId: "openai", outcome: "ok", count: 1 },
    ]);
  });

  it("keeps the counts of a failed write for the next one, bounded", async () => {
    const writes: ProviderAttemptCount[][] = [];
    let fail = true;
    const counter = new ProviderAttemptCounter(log, 60_000, 2, async (rows) => {
      if (fail) throw new Error("database down");
      writes.push(rows);
    });
    counter.count("a", "ok", T);
    counter.count("a", "ok", T);
    await counter.flush();
    counter.count("a", "ok", T);
    counter.count("b", "ok", T + 60_000);
    counter.count("c", "ok", T + 120_000);
    fail = false;
    await counter.close();
    // The oldest minute row went when a third arrived; nothing else was lost.
    expect(writes).toEqual([
      [
        { minute: new Date(T + 60_000), providerId: "b", outcome: "ok", count: 1 },
        { minute: new Date(T + 120_000), providerId: "c", outcome: "ok", count: 1 },
      ],
    ]);
  });

  it("puts a failed batch back ahead of newer counts, so a full store drops the oldest minute", async () => {
    const writes: ProviderAttemptCount[][] = [];
    let held = true;
    let fail!: (err: Error) => void;
    const counter = new ProviderAttemptCounter(log, 60_000, 2, async (rows) => {
      // The first write hangs until the test fails it; later ones succeed.
      if (!held) return void writes.push(rows);
      held = false;
      await new Promise<void>((_, reject) => (fail = reject));
    });
    counter.count("a", "ok", T);
    const first = counter.flush();
    // Newer minutes arrive while the write of the oldest is in flight; then it fails.
    counter.count("b", "ok", T + 60_000);
    counter.count("c", "ok", T + 120_000);
    fail(new Error("database down"));
    await first;
    await counter.close();
    expect(writes).toEqual([
      [
        { minute: new Date(T + 60_000), providerId: "b", outcome: "ok", count: 1 },
        { minute: new Date(T + 120_000), providerId: "c", outcome: "ok", count: 1 },
      ],
    ]);
  });
});
