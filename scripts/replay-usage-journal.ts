/**
 * Replays the usage journal another instance left behind (a dead machine's disk, a
 * restored volume) into this installation's Postgres, then deletes it. Idempotent: rows
 * already stored are skipped by request id, so running it twice, or on a journal the
 * instance had partly replayed, bills nothing twice. Never point it at the data
 * directory of an instance that is running: one process per journal.
 *
 *   npm run journal:replay -- <data directory of the dead instance>
 *
 * Reads `<dir>/usage-journal/` (segments and cursor) and what older builds left
 * (`<dir>/usage-journal.ndjson`, `*.replay`). Postgres: DATABASE_URL, else the embedded
 * database under GATEWAY_DATA_DIR, as `npm run migrate` resolves it.
 */
import path from "node:path";
import { loadConfigOrExit } from "../lib/config";
import { resolveDatabaseUrl } from "../lib/database/resolve-database-url";
import { disconnectPrisma, setDatabaseUrl } from "../lib/db";
import { writeIsolatingBadEvents } from "../lib/gateway/metering/isolate-bad-events";
import { usageEvent } from "../lib/gateway/metering/usage-event";
import { UsageJournal } from "../lib/gateway/metering/usage-journal";
import { postgresUsageStore } from "../lib/runtime/postgres-usage-store";

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: npm run journal:replay -- <data directory of the dead instance>");
    process.exit(2);
  }
  const { DATABASE_URL, GATEWAY_DATA_DIR } = loadConfigOrExit();
  const log = (msg: string) => console.log(`[journal:replay] ${msg}`);
  const db = await resolveDatabaseUrl({
    databaseUrl: DATABASE_URL,
    dataDir: GATEWAY_DATA_DIR,
    log,
  });
  setDatabaseUrl(db.url);
  const journal = new UsageJournal({
    dir: path.join(dir, "usage-journal"),
    legacyFile: path.join(dir, "usage-journal.ndjson"),
  });
  log(`${journal.sizeBytes} bytes to replay from ${path.resolve(dir)}`);
  let events = 0;
  let dead = 0;
  let skipped = 0;
  try {
    for (let batch = await journal.read(); batch; batch = await journal.read()) {
      dead += await writeIsolatingBadEvents(
        batch.events.map(usageEvent),
        postgresUsageStore.write,
        postgresUsageStore.classify,
        postgresUsageStore.deadLetter,
      );
      journal.commit(batch.next);
      events += batch.events.length;
      skipped += batch.skipped;
    }
    journal.reset();
    log(
      `${events} events replayed (${dead} kept as dead letters, ${skipped} torn lines skipped); journal removed`,
    );
  } finally {
    journal.close();
    await disconnectPrisma();
    await db.stop();
  }
}

main().catch((err: unknown) => {
  // What was committed stays committed: running the command again resumes after it.
  console.error(`[journal:replay] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
