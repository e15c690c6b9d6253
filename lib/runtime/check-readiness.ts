import { pendingMigrations } from "@/lib/database/migrate";

export interface Readiness {
  ready: boolean;
  database: "ok" | "unreachable";
  pendingMigrations: string[];
}

export async function checkReadiness(): Promise<Readiness> {
  const url = process.env.DATABASE_URL;
  if (!url) return { ready: false, database: "unreachable", pendingMigrations: [] };
  try {
    const pending = await pendingMigrations(url);
    return { ready: pending.length === 0, database: "ok", pendingMigrations: pending };
  } catch {
    // The reason (host, credentials) stays in the server; the probe only needs the verdict.
    return { ready: false, database: "unreachable", pendingMigrations: [] };
  }
}
