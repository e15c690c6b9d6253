import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import type { DeadLetter } from "./isolate-bad-events";
import { UsageBuffer } from "./usage-buffer";
import type { UsageEvent } from "./usage-event";
import { nodeJournalFs, type JournalFs } from "./journal/journal-fs";
import { UsageJournal } from "./usage-journal";

const silent = pino({ level: "silent" });

function event(n: number, over: Partial<UsageEvent> = {}): UsageEvent {
  return {
    requestId: `req_${n}`,
    tenantId: "t",
    apiKeyId: "k",
    modelRequested: "auto",
    providerId: "deepseek",
    deploymentId: "d",
    credentialId: "c",
    upstreamModel: "deepseek-chat",
    promptTokens: n,
    completionTokens: 1,
    cachedTokens: 0,
    tokensEstimated: false,
    upstreamCostPicos: 0,
    billedPicos: 0,
    latencyMs: 1,
    ttfbMs: 1,
    httpStatus: 200,
    errorClass: null,
    attempts: 1,
    streamed: false,
    createdAt: 1,
    ...over,
  };
}

const journalDirs: string[] = [];
afterAll(() => {
  for (const dir of journalDirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh journal directory (inside a temporary data directory). */
function journalFile() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "usage-journal-"));
  journalDirs.push(dir);
  return path.join(dir, "usage-journal");
}

/** Files holding events (segments, an older build's files); the cursor and the empty directory aside. */
function journalFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith(".ndjson")) : [];
}

class DataError extends Error {
  code = "23503";
}

/**
 * A store that is unique on request id, like the usage table, refuses tenant "gone"
 * like a foreign key would, and can be taken down.
 */
function fakeStore() {
  const rows = new Map<string, UsageEvent>();
  const dead: DeadLetter[] = [];
  let down = false;
  let writes = 0;
  /** Runs before each write (given its number), e.g. to hold one back. */
  let beforeWrite: ((n: number) => Promise<void>) | undefined;
  return {
    rows,
    dead,
    writes: () => writes,
    setDown: (d: boolean) => (down = d),
    setBeforeWrite: (hook: (n: number) => Promise<void>) => (beforeWrite = hook),
    write: async (events: readonly UsageEvent[]) => {
      writes++;
      await beforeWrite?.(writes);
      if (down) throw new Error("connection refused");
      if (events.some((e) => e.tenantId === "gone"))
        throw new DataError("violates foreign key constraint");
      for (const e of events) if (!rows.has(e.requestId)) rows.set(e.requestId, e);
    },
    deadLetter: async (letters: DeadLetter[]) => {
      if (down) throw new Error("connection refused");
      dead.push(...letters);
    },
    classify: (err: unknown) =>
      err instanceof DataError ? ("bad_data" as const) : ("unavailable" as const),
  };
}

function buffer(
  store: ReturnType<typeof fakeStore>,
  file = journalFile(),
  over: { batchSize?: number } = {},
) {
  return new UsageBuffer({
    write: store.write,
    deadLetter: store.deadLetter,
    classify: store.classify,
    journal: new UsageJournal({ dir: file }),
    log: silent,
    retryIntervalMs: 0,
    ...over,
  });
}

describe("UsageBuffer", () => {
  it("writes events in batches off the caller's path", async () => {
    const store = fakeStore();
    const b = buffer(store, journalFile(), { batchSize: 2 });
    for (let i = 0; i < 5; i++) b.record(event(i));
    await b.flush();
    expect(store.rows.size).toBe(5);
    expect(b.depth).toBe(0);
  });

  it("isolates a bad event by splitting its batch: it is dead-lettered with its reason, every other event is written", async () => {
    const store = fakeStore();
    const b = buffer(store);
    for (let i = 0; i < 103; i++) b.record(event(i, i === 41 ? { tenantId: "gone" } : {}));
    await b.flush();
    expect(store.rows.size).toBe(102);
    expect(store.dead.map((d) => d.event.requestId)).toEqual(["req_41"]);
    expect(store.dead[0]!.reason).toMatch(/^23503 .*foreign key/);
    expect(b.status()).toMatchObject({ writable: true, deadLetters: 1, pending: 0 });
    // Later events from every tenant keep flowing.
    b.record(event(500));
    await b.flush();
    expect(store.rows.has("req_500")).toBe(true);
  });

  it("makes every event storable on the way in", async () => {
    const store = fakeStore();
    const b = buffer(store);
    b.record(event(1, { modelRequested: "a\u0000b\ud800" }));
    await b.flush();
    expect(store.rows.get("req_1")!.modelRequested).toBe("a\ufffdb\ufffd");
  });

  it("journals every event as it arrives while the store is down, and replays the journal once it is back", async () => {
    const file = journalFile();
    const store = fakeStore();
    const b = buffer(store, file);
    store.setDown(true);
    b.record(event(1));
    await b.flush();
    expect(b.status()).toMatchObject({ writable: false, pending: 0, journaled: true });
    b.record(event(2));
    expect(b.depth).toBe(0);
    expect(journalFiles(file)).toHaveLength(1);
    await b.flush();
    store.setDown(false);
    await b.flush();
    expect([...store.rows.keys()].sort()).toEqual(["req_1", "req_2"]);
    expect(b.status().writable).toBe(true);
    expect(readdirSync(file)).toEqual([]);
  });

  it("journals at shutdown what the store would not take, and the next start writes it once", async () => {
    const file = journalFile();
    const store = fakeStore();
    store.setDown(true);
    const first = buffer(store, file);
    for (let i = 0; i < 5; i++) first.record(event(i));
    await first.close();
    expect(journalFiles(file)).toHaveLength(1);

    store.setDown(false);
    const second = buffer(store, file);
    second.start();
    await expect.poll(() => store.rows.size, { timeout: 5_000 }).toBe(5);
    await second.close();
    expect(journalFiles(file)).toEqual([]);
  });

  it("journals new events at once while a write hangs, so none waits in memory for the verdict", async () => {
    const file = journalFile();
    const store = fakeStore();
    let release!: () => void;
    const hung = new Promise<void>((r) => (release = r));
    const b = new UsageBuffer({
      write: async (events) => {
        await hung;
        return store.write(events);
      },
      deadLetter: store.deadLetter,
      classify: store.classify,
      journal: new UsageJournal({ dir: file }),
      log: silent,
      slowWriteMs: 20,
    });
    b.record(event(1));
    const flushing = b.flush();
    b.record(event(2));
    await new Promise((r) => setTimeout(r, 40));
    b.record(event(3));
    expect(b.depth).toBe(0);
    expect(journalFiles(file)).toHaveLength(1);
    release();
    await flushing;
    await b.flush();
    expect([...store.rows.keys()].sort()).toEqual(["req_1", "req_2", "req_3"]);
  });

  it("with Postgres away and the journal's disk full: holds events in memory, stops admitting (one alert, one log line), and writes them once Postgres is back", async () => {
    let diskFull = false;
    const fs: JournalFs = {
      ...nodeJournalFs,
      write(fd, buf, offset) {
        if (diskFull)
          throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
        return nodeJournalFs.write(fd, buf, offset);
      },
    };
    const lines: string[] = [];
    const log = pino(
      { level: "info" },
      { write: (line: string) => void lines.push(JSON.parse(line).msg as string) },
    );
    const changes: boolean[] = [];
    const store = fakeStore();
    const b = new UsageBuffer({
      write: store.write,
      deadLetter: store.deadLetter,
      classify: store.classify,
      journal: new UsageJournal({ dir: journalFile(), fs }),
      log,
      retryIntervalMs: 0,
      onAdmissionChange: (c) => changes.push(c.admitting),
    });
    store.setDown(true);
    b.record(event(1));
    await b.flush();
    expect(b.status()).toMatchObject({ writable: false, admitting: true, journaled: true });

    diskFull = true;
    for (let i = 2; i <= 200; i++) b.record(event(i));
    expect(b.admits()).toBe(false);
    expect(b.status()).toMatchObject({ admitting: false, journalFailure: "disk_full", held: 199 });
    for (let i = 0; i < 5; i++) await b.flush();
    expect(b.admits()).toBe(false);
    // One line when the journal starts refusing, one when admission stops: not one per event or retry.
    expect(lines.filter((l) => /journal cannot be written/.test(l))).toHaveLength(1);
    expect(lines.filter((l) => /metered requests refused/.test(l))).toHaveLength(1);
    expect(changes).toEqual([false]);

    store.setDown(false);
    await b.flush();
    expect(store.rows.size).toBe(200);
    expect(b.status()).toMatchObject({ writable: true, admitting: true, held: 0 });
    expect(changes).toEqual([false, true]);
  });

  it("holds billed rows whatever their number, but caps held refusal rows while neither store takes writes", async () => {
    const fs: JournalFs = {
      ...nodeJournalFs,
      write() {
        throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
      },
    };
    const store = fakeStore();
    store.setDown(true);
    const b = new UsageBuffer({
      write: store.write,
      deadLetter: store.deadLetter,
      classify: store.classify,
      journal: new UsageJournal({ dir: journalFile(), fs }),
      log: silent,
      retryIntervalMs: 0,
      maxHeldRefusals: 50,
    });
    const refusal = (n: number) =>
      event(n, { attempts: 0, providerId: null, httpStatus: 429, promptTokens: 0 });
    for (let i = 1; i <= 30; i++) b.record(event(i, { billedPicos: 1_000 }));
    for (let i = 31; i <= 1_030; i++) b.record(refusal(i));
    for (let i = 1_031; i <= 1_040; i++) b.record(event(i, { billedPicos: 1_000 }));
    await b.flush();
    // 40 billed rows and the first 50 refusals are held; 950 refusals (no money) are dropped.
    expect(b.status()).toMatchObject({ admitting: false, held: 90 });

    store.setDown(false);
    await b.flush();
    const billed = [...store.rows.values()].filter((r) => r.billedPicos > 0);
    expect(billed).toHaveLength(40);
    expect(store.rows.size).toBe(90);
    expect(b.status()).toMatchObject({ held: 0, admitting: true });
  });

  it("admits again when the journal takes writes again, though Postgres is still away", async () => {
    let readOnly = true;
    const fs: JournalFs = {
      ...nodeJournalFs,
      openAppend(file) {
        if (readOnly)
          throw Object.assign(new Error("EROFS: read-only file system"), { code: "EROFS" });
        return nodeJournalFs.openAppend(file);
      },
    };
    const store = fakeStore();
    const b = new UsageBuffer({
      write: store.write,
      deadLetter: store.deadLetter,
      classify: store.classify,
      journal: new UsageJournal({ dir: journalFile(), fs }),
      log: silent,
      retryIntervalMs: 0,
    });
    store.setDown(true);
    b.record(event(1));
    await b.flush();
    expect(b.status()).toMatchObject({ admitting: false, journalFailure: "read_only", held: 1 });
    readOnly = false;
    await b.flush();
    expect(b.status()).toMatchObject({ admitting: true, journalFailure: null, held: 0 });
    store.setDown(false);
    await b.flush();
    expect(store.rows.size).toBe(1);
  });

  it("stops admitting when the journal reaches its size cap during an outage", async () => {
    const store = fakeStore();
    const b = new UsageBuffer({
      write: store.write,
      deadLetter: store.deadLetter,
      classify: store.classify,
      journal: new UsageJournal({ dir: journalFile(), maxBytes: 5_000 }),
      log: silent,
      retryIntervalMs: 0,
    });
    store.setDown(true);
    b.record(event(0));
    await b.flush();
    for (let i = 1; i < 100; i++) b.record(event(i));
    expect(b.status()).toMatchObject({ admitting: false, journalFailure: "size_cap" });
    store.setDown(false);
    await b.flush();
    expect(store.rows.size).toBe(100);
    expect(b.admits()).toBe(true);
  });

  it("reports Postgres writable as soon as it takes a batch, while the journal's backlog is still replaying", async () => {
    const store = fakeStore();
    const b = buffer(store);
    store.setDown(true);
    for (let i = 1; i <= 3_000; i++) b.record(event(i));
    await b.flush();
    expect(b.status()).toMatchObject({ writable: false, journaled: true });

    // Postgres is back; the second batch of the replay hangs until released.
    store.setDown(false);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let secondWriteStarted!: () => void;
    const secondWrite = new Promise<void>((r) => (secondWriteStarted = r));
    const before = store.writes();
    store.setBeforeWrite(async (n) => {
      if (n !== before + 2) return;
      secondWriteStarted();
      await gate;
    });
    const replay = b.flush(true);
    await secondWrite;
    expect(b.status()).toMatchObject({ writable: true, journaled: true });
    expect(b.admits()).toBe(true);
    release();
    await replay;
    expect(store.rows.size).toBe(3_000);
    expect(b.status()).toMatchObject({ writable: true, journaled: false });
  });

  it("counts an event once even when a batch is written twice", async () => {
    const store = fakeStore();
    const b = buffer(store);
    b.record(event(7));
    b.record(event(7));
    await b.flush();
    expect(store.rows.size).toBe(1);
  });
});
