import {
  closeSync,
  existsSync,
  fdatasyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import type { UsageEvent } from "./usage-event";

/** Events read back from the journal, and the hook that deletes them once stored. */
export interface ClaimedJournal {
  events: UsageEvent[];
  /** Removes the claimed files; call only after every event is stored (or dead-lettered). */
  release: () => void;
}

/**
 * A local append-only file (NDJSON) of usage events the database could not take yet.
 * Appends are written to the file at once (a process kill loses none of them) and
 * synced to the disk every `syncIntervalMs` (a machine crash loses at most that).
 * Events carry their request id and the database ignores ids it already has, so
 * replaying a journal twice is harmless. One process per data directory.
 */
export class UsageJournal {
  private fd: number | undefined;
  private unsynced = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly file: string,
    /** Milliseconds between fdatasync calls while appending. */
    private readonly syncIntervalMs = 50,
  ) {}

  /** Appends events; synchronous, so the caller may acknowledge them right after. */
  append(events: readonly UsageEvent[]): void {
    if (events.length === 0) return;
    let text = "";
    for (const e of events) text += JSON.stringify(e) + "\n";
    this.fd ??= this.open();
    writeSync(this.fd, text);
    this.unsynced = true;
    this.timer ??= setInterval(() => this.sync(), this.syncIntervalMs);
    this.timer.unref();
  }

  /** Whether anything is on disk waiting to be replayed (current file or claimed leftovers). */
  hasEvents(): boolean {
    return this.fd !== undefined || existsSync(this.file) || this.leftovers().length > 0;
  }

  /**
   * Moves the current file aside and returns the events of every claimed file, those
   * of earlier claims that were never released too (`*.replay`, e.g. from a crash).
   * A torn last line from a kill mid-write is skipped; the rest is kept.
   */
  claim(): ClaimedJournal {
    this.closeFile();
    if (existsSync(this.file))
      renameSync(
        this.file,
        `${this.file}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}.replay`,
      );
    const files = this.leftovers();
    const events: UsageEvent[] = [];
    for (const f of files) {
      for (const line of readFileSync(f, "utf8").split("\n")) {
        if (!line.trim()) continue;
        try {
          events.push(JSON.parse(line) as UsageEvent);
        } catch {
          // A torn line from a kill mid-write: the rest is still good.
        }
      }
    }
    return { events, release: () => files.forEach((f) => rmSync(f, { force: true })) };
  }

  /** Syncs and closes the file (shutdown). */
  close(): void {
    this.closeFile();
  }

  private open(): number {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const fd = openSync(this.file, "a", 0o600);
    return fd;
  }

  private sync(): void {
    if (this.fd === undefined || !this.unsynced) return;
    this.unsynced = false;
    fdatasyncSync(this.fd);
  }

  private closeFile(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.fd === undefined) return;
    this.sync();
    closeSync(this.fd);
    this.fd = undefined;
  }

  private leftovers(): string[] {
    const dir = path.dirname(this.file);
    if (!existsSync(dir)) return [];
    const base = path.basename(this.file);
    return readdirSync(dir)
      .filter((n) => n.startsWith(`${base}.`) && n.endsWith(".replay"))
      .sort()
      .map((n) => path.join(dir, n));
  }
}
