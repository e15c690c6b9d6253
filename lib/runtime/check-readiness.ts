import { pendingMigrations } from "@/lib/database/migrate";
import type { MeterStatus } from "@/lib/gateway/metering/usage-buffer";

export interface Readiness {
  ready: boolean;
  database: "ok" | "unreachable";
  pendingMigrations: string[];
  /**
   * The usage meter: `writable` is false while usage cannot be written to Postgres,
   * `admitting` false (with `journalFailure`) while it can be written nowhere.
   */
  meter: MeterStatus | "not_started";
}

/** The whole check answers within this, whatever Postgres does (a hung one included). */
const READINESS_DEADLINE_MS = 800;

/**
 * Readiness, with the truth and within a second: Postgres answers, every migration is
 * applied, and the meter can write usage. `url`: the database the gateway runs on.
 */
export async function checkReadiness(
  url: string,
  meter: MeterStatus | undefined,
): Promise<Readiness> {
  const meterStatus = meter ?? "not_started";
  // `admitting` false (usage writable nowhere) implies `writable` false; both are named for the operator.
  const meterOk = meter?.writable === true && meter.admitting;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), READINESS_DEADLINE_MS);
  });
  try {
    const pending = await Promise.race([pendingMigrations(url), deadline]);
    if (pending === "timeout")
      return { ready: false, database: "unreachable", pendingMigrations: [], meter: meterStatus };
    return {
      ready: pending.length === 0 && meterOk,
      database: "ok",
      pendingMigrations: pending,
      meter: meterStatus,
    };
  } catch {
    // The reason (host, credentials) stays in the server; the probe only needs the verdict.
    return { ready: false, database: "unreachable", pendingMigrations: [], meter: meterStatus };
  } finally {
    clearTimeout(timer);
  }
}
