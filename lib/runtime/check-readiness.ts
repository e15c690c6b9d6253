import { pendingMigrations } from "@/lib/database/migrate";

export interface Readiness {
  ready: boolean;
  database: "ok" | "unreachable";
  pendingMigrations: string[];
}

/** `databaseUrl`: the database the gateway runs on (the bootstrap's context). */
export async function checkReadiness(url: string): Promise<Readiness> {
  try {
    const pending = await pendingMigrations(url);
    return { ready: pending.length === 0, database: "ok", pendingMigrations: pending };
  } catch {
    // The reason (host, credentials) stays in the server; the probe only needs the verdict.
    return { ready: false, database: "unreachable", pendingMigrations: [] };
  }
}
