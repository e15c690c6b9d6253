import type { UsageEvent } from "./usage-event";

/** Why a write failed: the data (this batch will never be stored) or the store (try later). */
export type WriteFailure = "bad_data" | "unavailable";

export interface DeadLetter {
  event: UsageEvent;
  /** The store's reason, e.g. `23503 insert or update on table "UsageRecord" violates foreign key`. */
  reason: string;
}

/**
 * Writes a batch; when the store refuses it for its data, splits it in halves until
 * each bad event is alone, and hands those to `deadLetter` so they never block another.
 * Resolves with the number of dead letters.
 * @throws the store's error when it is unavailable (nothing is dead-lettered for that).
 */
export async function writeIsolatingBadEvents(
  events: readonly UsageEvent[],
  write: (events: readonly UsageEvent[]) => Promise<unknown>,
  classify: (err: unknown) => WriteFailure,
  deadLetter: (letters: DeadLetter[]) => Promise<void>,
): Promise<number> {
  if (events.length === 0) return 0;
  try {
    await write(events);
    return 0;
  } catch (err) {
    if (classify(err) !== "bad_data") throw err;
    if (events.length === 1) {
      await deadLetter([{ event: events[0]!, reason: reasonOf(err) }]);
      return 1;
    }
    const mid = Math.ceil(events.length / 2);
    const left = await writeIsolatingBadEvents(events.slice(0, mid), write, classify, deadLetter);
    return left + (await writeIsolatingBadEvents(events.slice(mid), write, classify, deadLetter));
  }
}

function reasonOf(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === "string" ? `${e.code} ` : "";
  return `${code}${typeof e?.message === "string" ? e.message : String(err)}`.slice(0, 500);
}
