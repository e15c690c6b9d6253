import path from "node:path";
import { startEmbeddedPostgres } from "./embedded-postgres";

export interface ResolvedDatabase {
  url: string;
  /** True when the URL points at the embedded Postgres started here. */
  embedded: boolean;
  /** Stops the embedded Postgres; does nothing for an external DATABASE_URL. */
  stop(): Promise<void>;
}

/**
 * DATABASE_URL when the operator gave one; otherwise the embedded, persistent
 * Postgres under `<dataDir>/postgres`.
 */
export async function resolveDatabaseUrl(opts: {
  databaseUrl?: string;
  dataDir: string;
  log?: (msg: string) => void;
}): Promise<ResolvedDatabase> {
  const given = opts.databaseUrl?.trim();
  if (given) return { url: given, embedded: false, stop: async () => {} };
  const running = await startEmbeddedPostgres({
    dataDir: path.resolve(opts.dataDir),
    log: opts.log,
  });
  return { url: running.url, embedded: true, stop: running.stop };
}
