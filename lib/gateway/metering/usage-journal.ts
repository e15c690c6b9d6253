import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import type { UsageEvent } from "./usage-event";

/**
 * A local append-only file that holds usage events the database could not take
 * (outage at shutdown, or a buffer over its bound). Events carry their request id and
 * the database ignores ids it already has, so replaying a journal twice is harmless.
 */
export class UsageJournal {
  constructor(private readonly file: string) {}

  append(events: readonly UsageEvent[]): void {
    if (events.length === 0) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    appendFileSync(this.file, events.map((e) => JSON.stringify(e)).join("\n") + "\n", { mode: 0o600 });
  }

  /**
   * Moves the journal aside and returns its events. The caller removes the claimed file
   * with `release` once the events are safely stored, so a crash in between loses nothing.
   */
  claim(): { events: UsageEvent[]; release: () => void } {
    if (!existsSync(this.file)) return { events: [], release: () => {} };
    const claimed = `${this.file}.${process.pid}.${Date.now()}.replay`;
    renameSync(this.file, claimed);
    const events: UsageEvent[] = [];
    for (const line of readFileSync(claimed, "utf8").split("\n")) {
      if (!line.trim()) continue;
      try {
        events.push(JSON.parse(line) as UsageEvent);
      } catch {
        // A torn last line from a crash mid-write: the rest is still good.
      }
    }
    return { events, release: () => rmSync(claimed, { force: true }) };
  }
}
