/**
 * A Postgres server on which development tooling may create and drop throw-away
 * databases: the one at TEST_DATABASE_ADMIN_URL (default: the machine's own, with
 * trust auth), or, when that is unreachable, an embedded one under fallbackDataDir.
 * Used by the integration-test support and by scripts/prisma-diff.ts.
 */
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded-postgres";

export const DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export interface ScratchServer {
  /** URL of a maintenance database with the right to CREATE DATABASE. */
  adminUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function scratchPostgres(opts: {
  adminUrl?: string;
  fallbackDataDir: string;
  log?: (msg: string) => void;
}): Promise<ScratchServer> {
  const log = opts.log ?? (() => {});
  const adminUrl = opts.adminUrl ?? process.env.TEST_DATABASE_ADMIN_URL ?? DEFAULT_ADMIN_URL;
  if (await canConnect(adminUrl)) return { adminUrl, embedded: false, stop: async () => {} };
  // Only host and port: the URL may carry a password.
  log(
    `no Postgres at ${hostAndPort(adminUrl)}; using an embedded one under ${opts.fallbackDataDir}`,
  );
  const server = await startEmbeddedPostgres({
    dataDir: opts.fallbackDataDir,
    database: "postgres",
    log,
  });
  return { adminUrl: server.url, embedded: true, stop: server.stop };
}

/** The URL of `database` on the same server as `url`, with the same credentials. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export function hostAndPort(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}`;
  } catch {
    return "(unparseable URL)";
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
