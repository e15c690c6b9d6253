import path from "node:path";
import { journalFailureReason, JournalUnwritableError } from "./journal/journal-failure";
import { nodeJournalFs, type JournalFs } from "./journal/journal-fs";
import type { UsageEvent } from "./usage-event";

export { JournalUnwritableError, type JournalFailureReason } from "./journal/journal-failure";

export interface UsageJournalOptions {
  /** Directory of the journal's segments and its replay cursor (created on first append). */
  dir: string;
  /**
   * The single file older builds appended to (`<data>/usage-journal.ndjson`); it and the
   * `<file>.*.replay` claims they left behind are replayed before any segment.
   */
  legacyFile?: string;
  /** Milliseconds between fdatasync calls while appending. */
  syncIntervalMs?: number;
  /** Bytes the journal may hold on disk; an append past it is refused (`size_cap`). */
  maxBytes?: number;
  /** A new segment is started once the current one holds this many bytes. */
  segmentBytes?: number;
  /** Bytes read per replay step: the replay's memory, whatever the journal's length. */
  readChunkBytes?: number;
  fs?: JournalFs;
}

/** Where the replay stands: a file and the byte offset of the first event not yet stored. */
export interface JournalPosition {
  file: string;
  offset: number;
}

/** One replay step: the events of one chunk, and the position to commit once they are stored. */
export interface JournalBatch {
  events: UsageEvent[];
  next: JournalPosition;
  /** Lines that were not events (a torn write from a kill or a full disk); skipped. */
  skipped: number;
}

const SEGMENT = /^seg-(\d{12})\.ndjson$/;
const CURSOR = "cursor.json";
/** What a probe writes: a blank line (replays skip it) big enough not to pass on a disk's last free bytes. */
const PROBE = Buffer.from(" ".repeat(4095) + "\n");

/**
 * The local journal of usage events Postgres could not take yet: NDJSON segments
 * appended in order and replayed from a cursor, so each append and each replay step
 * costs only the new events (never a re-read of what is already stored or on disk).
 *
 * Appends are synchronous and complete before they return (a process kill loses none),
 * synced to the disk every `syncIntervalMs` (a machine crash loses at most that); an
 * append the disk refuses is undone and throws `JournalUnwritableError`. Replay reads one
 * chunk at a time (`read`, then `commit` once the events are stored); fully replayed
 * segments are deleted. Events carry their request id and the database ignores ids it
 * has, so replaying an event twice (e.g. after a crash before the cursor was saved) is
 * harmless. One process per data directory.
 */
export class UsageJournal {
  private readonly fs: JournalFs;
  private readonly dir: string;
  private readonly syncIntervalMs: number;
  private readonly maxBytes: number;
  private readonly segmentBytes: number;
  private readonly chunkBytes: number;
  /** Files still holding unreplayed events, oldest first; the last is the active segment once one is open. */
  private files: string[] = [];
  private readonly sizes = new Map<string, number>();
  /** Offset in files[0] of the first event not yet stored. */
  private headOffset = 0;
  private bytes = 0;
  private nextSeq = 1;
  private active: { file: string; fd: number } | undefined;
  /** A torn append could not be cut away: the next one starts on a fresh line. */
  private needsNewline = false;
  private unsynced = false;
  private syncFailure: JournalUnwritableError | undefined;
  private timer: NodeJS.Timeout | undefined;

  /** Reads what is on disk (segments, cursor, an older build's files); opens nothing for writing. */
  constructor(opts: UsageJournalOptions) {
    this.fs = opts.fs ?? nodeJournalFs;
    this.dir = opts.dir;
    this.syncIntervalMs = opts.syncIntervalMs ?? 50;
    this.maxBytes = opts.maxBytes ?? 1024 ** 3;
    this.segmentBytes = opts.segmentBytes ?? 16 * 1024 ** 2;
    this.chunkBytes = opts.readChunkBytes ?? 256 * 1024;
    this.load(opts.legacyFile);
  }

  /** Bytes on disk, replayed parts of the oldest segment included. */
  get sizeBytes(): number {
    return this.bytes;
  }

  /** Whether events are on disk that have not been replayed yet. */
  hasUnread(): boolean {
    if (this.files.length > 1) return true;
    const head = this.files[0];
    return head !== undefined && this.headOffset < (this.sizes.get(head) ?? 0);
  }

  /**
   * Appends events, whole or not at all; synchronous, so the caller may acknowledge them
   * right after.
   * @throws JournalUnwritableError when the disk or the size cap refuses (nothing is left half-written).
   */
  append(events: readonly UsageEvent[]): void {
    if (events.length === 0) return;
    let text = "";
    for (const e of events) text += JSON.stringify(e) + "\n";
    this.write(Buffer.from(text));
  }

  /**
   * Whether the journal takes writes again after a failure: writes and syncs a blank line.
   * @throws JournalUnwritableError when it still does not.
   */
  probe(): void {
    this.write(PROBE);
    this.syncNow();
  }

  /**
   * The next chunk of unreplayed events, or undefined when every event on disk has been
   * read. Memory: one chunk (`readChunkBytes`), whatever the journal's length.
   * @throws the file system's error when a segment cannot be read.
   */
  async read(): Promise<JournalBatch | undefined> {
    for (;;) {
      const file = this.files[0];
      if (file === undefined) return undefined;
      const size = this.sizes.get(file) ?? 0;
      if (this.headOffset >= size) {
        if (file === this.active?.file) return undefined;
        this.dropHead();
        continue;
      }
      const offset = this.headOffset;
      const buf = await this.fs.read(file, offset, Math.min(this.chunkBytes, size - offset));
      const end = buf.lastIndexOf(0x0a);
      if (end < 0)
        // No whole line: a torn tail (kill or full disk mid-write), or junk longer than a chunk.
        return { events: [], next: { file, offset: offset + buf.length }, skipped: 1 };
      const events: UsageEvent[] = [];
      let skipped = 0;
      for (const line of buf.toString("utf8", 0, end).split("\n")) {
        if (!line.trim()) continue;
        try {
          events.push(JSON.parse(line) as UsageEvent);
        } catch {
          skipped++;
        }
      }
      return { events, next: { file, offset: offset + end + 1 }, skipped };
    }
  }

  /** Records that the events of a batch are stored: the replay resumes after them, even after a restart. */
  commit(next: JournalPosition): void {
    if (this.files[0] !== next.file) return;
    this.headOffset = next.offset;
    this.saveCursor();
  }

  /**
   * Deletes the journal once every event in it is stored; the next append starts a
   * new segment. Call only when `hasUnread()` is false.
   */
  reset(): void {
    if (this.hasUnread()) return;
    this.closeActive();
    for (const f of this.files) this.fs.remove(f);
    this.files = [];
    this.sizes.clear();
    this.headOffset = 0;
    this.bytes = 0;
    this.needsNewline = false;
    this.fs.remove(path.join(this.dir, CURSOR));
  }

  /** Syncs and closes the active segment (shutdown). */
  close(): void {
    this.closeActive();
  }

  private write(payload: Buffer): void {
    if (this.syncFailure) {
      const failure = this.syncFailure;
      this.syncFailure = undefined;
      throw failure;
    }
    const buf = this.needsNewline ? Buffer.concat([Buffer.from("\n"), payload]) : payload;
    if (this.bytes + buf.length > this.maxBytes)
      throw new JournalUnwritableError(
        "size_cap",
        `usage journal holds ${this.bytes} bytes; the cap is ${this.maxBytes}`,
      );
    const active = this.activeSegment();
    const before = this.sizes.get(active.file) ?? 0;
    let written = 0;
    try {
      while (written < buf.length) written += this.fs.write(active.fd, buf, written);
    } catch (err) {
      this.undo(active, before, written);
      throw new JournalUnwritableError(journalFailureReason(err), (err as Error).message);
    }
    this.needsNewline = false;
    this.grow(active.file, buf.length);
    this.unsynced = true;
    if (!this.timer) {
      this.timer = setInterval(() => this.syncOnTimer(), this.syncIntervalMs);
      this.timer.unref();
    }
  }

  /** Cuts a torn append away; when even that fails, the next append starts on a fresh line. */
  private undo(active: { file: string; fd: number }, before: number, written: number): void {
    if (written === 0) return;
    try {
      this.fs.truncate(active.fd, before);
    } catch {
      this.needsNewline = true;
      this.grow(active.file, written);
    }
  }

  private grow(file: string, n: number): void {
    this.sizes.set(file, (this.sizes.get(file) ?? 0) + n);
    this.bytes += n;
  }

  private activeSegment(): { file: string; fd: number } {
    if (this.active && (this.sizes.get(this.active.file) ?? 0) < this.segmentBytes)
      return this.active;
    this.closeActive();
    const file = path.join(this.dir, `seg-${String(this.nextSeq).padStart(12, "0")}.ndjson`);
    try {
      this.fs.mkdir(this.dir);
      this.active = { file, fd: this.fs.openAppend(file) };
    } catch (err) {
      throw new JournalUnwritableError(journalFailureReason(err), (err as Error).message);
    }
    this.nextSeq++;
    this.files.push(file);
    this.sizes.set(file, this.fs.size(file) ?? 0);
    this.needsNewline = false;
    return this.active;
  }

  private syncOnTimer(): void {
    try {
      this.syncNow();
    } catch (err) {
      // Reported by the next append: the meter then holds events in memory and says so.
      this.syncFailure = err as JournalUnwritableError;
    }
  }

  private syncNow(): void {
    if (!this.active || !this.unsynced) return;
    this.unsynced = false;
    try {
      this.fs.fdatasync(this.active.fd);
    } catch (err) {
      throw new JournalUnwritableError(journalFailureReason(err), (err as Error).message);
    }
  }

  private closeActive(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (!this.active) return;
    try {
      this.syncNow();
    } catch {
      // Closing anyway: what the disk refused to sync is replayed from memory or lost with the machine.
    }
    this.fs.close(this.active.fd);
    this.active = undefined;
  }

  private dropHead(): void {
    const file = this.files.shift();
    if (file === undefined) return;
    this.fs.remove(file);
    this.bytes -= this.sizes.get(file) ?? 0;
    this.sizes.delete(file);
    this.headOffset = 0;
    this.saveCursor();
  }

  private saveCursor(): void {
    const head = this.files[0];
    try {
      if (head === undefined) this.fs.remove(path.join(this.dir, CURSOR));
      else
        this.fs.replace(
          path.join(this.dir, CURSOR),
          JSON.stringify({ file: path.basename(head), offset: this.headOffset }),
        );
    } catch {
      // The cursor is an optimisation: without it a restart replays a chunk again, harmlessly.
    }
  }

  private load(legacyFile: string | undefined): void {
    const found: string[] = [];
    if (legacyFile) {
      const legacyDir = path.dirname(legacyFile);
      const base = path.basename(legacyFile);
      // An older build's claims (`*.replay`) hold older events than its current file.
      for (const n of this.fs
        .list(legacyDir)
        .filter((n) => n.startsWith(`${base}.`) && n.endsWith(".replay"))
        .sort())
        found.push(path.join(legacyDir, n));
      if (this.fs.size(legacyFile) !== undefined) found.push(legacyFile);
    }
    const segments = this.fs
      .list(this.dir)
      .filter((n) => SEGMENT.test(n))
      .sort();
    for (const n of segments) found.push(path.join(this.dir, n));
    const last = segments.at(-1);
    if (last) this.nextSeq = Number(SEGMENT.exec(last)![1]) + 1;
    for (const f of found) {
      const size = this.fs.size(f) ?? 0;
      this.sizes.set(f, size);
      this.bytes += size;
    }
    this.files = found;
    this.headOffset = this.readCursor();
  }

  private readCursor(): number {
    const head = this.files[0];
    if (head === undefined) return 0;
    try {
      const saved = JSON.parse(this.fs.readSmall(path.join(this.dir, CURSOR)) ?? "null") as {
        file?: unknown;
        offset?: unknown;
      } | null;
      if (saved?.file !== path.basename(head) || typeof saved.offset !== "number") return 0;
      return Math.max(0, Math.min(saved.offset, this.sizes.get(head) ?? 0));
    } catch {
      return 0;
    }
  }
}
