import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { nodeJournalFs, type JournalFs } from "./journal/journal-fs";
import type { UsageEvent } from "./usage-event";
import { JournalUnwritableError, UsageJournal } from "./usage-journal";

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function dataDir(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "journal-"));
  roots.push(root);
  return root;
}

function event(n: number): UsageEvent {
  return {
    requestId: `req_${n}`,
    tenantId: "t",
    apiKeyId: "k",
    modelRequested: "auto",
    providerId: null,
    deploymentId: null,
    credentialId: null,
    upstreamModel: null,
    promptTokens: n,
    completionTokens: 1,
    cachedTokens: 0,
    tokensEstimated: false,
    upstreamCostPicos: 0,
    billedPicos: 0,
    latencyMs: 1,
    ttfbMs: null,
    httpStatus: 200,
    errorClass: null,
    attempts: 1,
    streamed: false,
    createdAt: 1,
  };
}

/** Reads every event left, committing each chunk as a stored one. */
async function drainAll(j: UsageJournal): Promise<string[]> {
  const ids: string[] = [];
  for (let b = await j.read(); b; b = await j.read()) {
    ids.push(...b.events.map((e) => e.requestId));
    j.commit(b.next);
  }
  return ids;
}

/** The real file system, counting the bytes each replay step reads. */
function countingFs(): JournalFs & { bytesRead: number } {
  const fs = {
    ...nodeJournalFs,
    bytesRead: 0,
    async read(file: string, position: number, length: number) {
      const buf = await nodeJournalFs.read(file, position, length);
      fs.bytesRead += buf.length;
      return buf;
    },
  };
  return fs;
}

describe("UsageJournal", () => {
  it("replays from where it stopped: a step reads one chunk, never what was already stored", async () => {
    const fs = countingFs();
    const j = new UsageJournal({ dir: path.join(dataDir(), "j"), fs, readChunkBytes: 4096 });
    for (let i = 0; i < 2_000; i++) j.append([event(i)]);
    const total = j.sizeBytes;
    expect(total).toBeGreaterThan(100 * 4096);
    // A store that stays down: each retry reads the same first chunk again, nothing more.
    for (let retry = 0; retry < 50; retry++) await j.read();
    expect(fs.bytesRead).toBeLessThanOrEqual(50 * 4096);
    fs.bytesRead = 0;
    const ids = await drainAll(j);
    expect(ids).toHaveLength(2_000);
    // The whole replay reads the journal once (plus each chunk's partial last line again).
    expect(fs.bytesRead).toBeGreaterThanOrEqual(total);
    expect(fs.bytesRead).toBeLessThan(total * 1.1);
    j.close();
  });

  it("rolls segments and deletes each one once replayed, so the disk frees as the replay goes", async () => {
    const dir = path.join(dataDir(), "j");
    const j = new UsageJournal({ dir, segmentBytes: 10_000, readChunkBytes: 4096 });
    for (let i = 0; i < 300; i++) j.append([event(i)]);
    const segments = readdirSync(dir).filter((n) => n.startsWith("seg-"));
    expect(segments.length).toBeGreaterThan(5);
    const before = j.sizeBytes;
    for (let k = 0; k < 10; k++) {
      const b = (await j.read())!;
      j.commit(b.next);
    }
    await j.read();
    expect(j.sizeBytes).toBeLessThan(before);
    expect(readdirSync(dir).filter((n) => n.startsWith("seg-")).length).toBeLessThan(
      segments.length,
    );
    j.close();
  });

  it("resumes after a restart at the saved cursor", async () => {
    const dir = path.join(dataDir(), "j");
    const first = new UsageJournal({ dir, readChunkBytes: 2048 });
    for (let i = 0; i < 100; i++) first.append([event(i)]);
    const b = (await first.read())!;
    first.commit(b.next);
    first.close();
    const second = new UsageJournal({ dir, readChunkBytes: 2048 });
    const rest = await drainAll(second);
    expect(rest).toHaveLength(100 - b.events.length);
    expect(rest[0]).toBe(`req_${b.events.length}`);
    expect(second.hasUnread()).toBe(false);
    second.reset();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("replays what the previous build's journal left (its file, a claimed *.replay, a torn line) before its own", async () => {
    const root = dataDir();
    cpSync(path.join(import.meta.dirname, "__fixtures__/legacy-journal"), root, {
      recursive: true,
    });
    const legacyFile = path.join(root, "usage-journal.ndjson");
    const j = new UsageJournal({ dir: path.join(root, "usage-journal"), legacyFile });
    j.append([event(7)]);
    let skipped = 0;
    const ids: string[] = [];
    for (let b = await j.read(); b; b = await j.read()) {
      ids.push(...b.events.map((e) => e.requestId));
      skipped += b.skipped;
      j.commit(b.next);
    }
    expect(ids).toEqual(["legacy_1", "legacy_2", "legacy_3", "legacy_4", "legacy_5", "req_7"]);
    expect(skipped).toBe(1);
    j.reset();
    expect(readdirSync(root).sort()).toEqual(["usage-journal"]);
  });

  it("refuses an append past the size cap, whole", () => {
    const j = new UsageJournal({ dir: path.join(dataDir(), "j"), maxBytes: 2_000 });
    for (let i = 0; i < 5; i++) j.append([event(i)]);
    const size = j.sizeBytes;
    let refused: unknown;
    try {
      for (let i = 5; i < 100; i++) j.append([event(i)]);
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(JournalUnwritableError);
    expect((refused as JournalUnwritableError).reason).toBe("size_cap");
    expect(j.sizeBytes).toBeLessThanOrEqual(2_000);
    expect(j.sizeBytes).toBeGreaterThanOrEqual(size);
    j.close();
  });

  it("undoes an append the disk cut short (ENOSPC after a partial write): no torn line is left", async () => {
    let full = false;
    const fs: JournalFs = {
      ...nodeJournalFs,
      write(fd, buf, offset) {
        if (!full) return nodeJournalFs.write(fd, buf, offset);
        if (offset === 0) return nodeJournalFs.write(fd, buf.subarray(0, 10), 0);
        throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
      },
    };
    const j = new UsageJournal({ dir: path.join(dataDir(), "j"), fs });
    j.append([event(1)]);
    full = true;
    expect(() => j.append([event(2)])).toThrow(
      expect.objectContaining({ reason: "disk_full" }) as Error,
    );
    full = false;
    j.append([event(3)]);
    const b = (await j.read())!;
    expect(b.events.map((e) => e.requestId)).toEqual(["req_1", "req_3"]);
    expect(b.skipped).toBe(0);
    j.close();
  });

  it("names a read-only disk and an I/O error for what they are", () => {
    for (const [code, reason] of [
      ["EROFS", "read_only"],
      ["EIO", "io_error"],
      ["EFBIG", "disk_full"],
    ] as const) {
      const fs: JournalFs = {
        ...nodeJournalFs,
        write: () => {
          throw Object.assign(new Error(code), { code });
        },
      };
      const j = new UsageJournal({ dir: path.join(dataDir(), "j"), fs });
      expect(() => j.append([event(1)])).toThrow(expect.objectContaining({ reason }) as Error);
      j.close();
    }
  });
});
