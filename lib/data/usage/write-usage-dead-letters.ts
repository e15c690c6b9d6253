import { getPgPool } from "@/lib/db";
import type { UsageEvent } from "@/lib/gateway/metering/usage-event";

const INSERT_DEAD_LETTERS = `
INSERT INTO "UsageDeadLetter" ("requestId", "reason", "payload")
SELECT r, m, p FROM unnest($1::text[], $2::text[], $3::text[]) AS x(r, m, p)
ON CONFLICT ("requestId") DO NOTHING`;

/** JSON text with every non-ASCII character escaped: storable whatever strings the event held. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function storable(text: string): string {
  return asciiJson(text).slice(1, -1);
}

/**
 * Keeps usage events Postgres refused for their data, with the reason, so that an
 * operator can repair and re-insert them. Idempotent on request id (a journal replay
 * dead-letters the same event once).
 */
export async function writeUsageDeadLetters(
  letters: readonly { event: UsageEvent; reason: string }[],
): Promise<void> {
  if (letters.length === 0) return;
  await getPgPool().query(INSERT_DEAD_LETTERS, [
    letters.map((l) => storable(String(l.event.requestId)).slice(0, 200)),
    letters.map((l) => storable(l.reason).slice(0, 1000)),
    letters.map((l) => asciiJson(l.event)),
  ]);
}
