/**
 * The one place a PrismaClient is created. Next.js bundles route handlers apart from
 * our custom server, so a module-level variable would exist once per bundle; the
 * client is kept on globalThis instead, under a registry Symbol both bundles share,
 * giving one client (and one connection pool) per process.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { pgTimeouts, type DatabaseTimeouts } from "./database/pg-timeouts";
import { log } from "./log";
import { PrismaClient } from "./generated/prisma/client";

const KEY = Symbol.for("llm-gateway.prisma-client");
const PRISMA_POOL_KEY = Symbol.for("llm-gateway.prisma-pool");
const PG_KEY = Symbol.for("llm-gateway.pg-pool");
const URL_KEY = Symbol.for("llm-gateway.database-url");

const TIMEOUTS_KEY = Symbol.for("llm-gateway.database-timeouts");

type Holder = {
  [KEY]?: PrismaClient;
  [PRISMA_POOL_KEY]?: pg.Pool;
  [PG_KEY]?: pg.Pool;
  [URL_KEY]?: string;
  [TIMEOUTS_KEY]?: DatabaseTimeouts;
};
const holder = globalThis as Holder;

/**
 * Names the database every later getPrisma()/getPgPool() connects to: DATABASE_URL or
 * the embedded database the bootstrap started. Called once at start (and by tests);
 * changing it closes nothing, so call disconnectPrisma() first when switching.
 */
export function setDatabaseUrl(url: string): void {
  holder[URL_KEY] = url;
}

/**
 * The connect and statement timeouts of every pool built after this call
 * (GATEWAY_DB_CONNECT_TIMEOUT_MS, GATEWAY_DB_STATEMENT_TIMEOUT_MS); set at start.
 */
export function setDatabaseTimeouts(timeouts: DatabaseTimeouts): void {
  holder[TIMEOUTS_KEY] = timeouts;
}

export function getPrisma(): PrismaClient {
  const existing = holder[KEY];
  if (existing) return existing;
  // Read at first use, not import: the bootstrap names it after starting the
  // embedded database.
  const pool = newPool("gateway", 10);
  const client = new PrismaClient({
    adapter: new PrismaPg(pool, {
      onPoolError: poolError("gateway"),
      onConnectionError: poolError("gateway"),
    }),
  });
  holder[PRISMA_POOL_KEY] = pool;
  holder[KEY] = client;
  return client;
}

function databaseUrl(): string {
  const connectionString = holder[URL_KEY];
  if (!connectionString) {
    throw new Error(
      "No database chosen yet: the bootstrap calls setDatabaseUrl() with DATABASE_URL or the embedded database's URL",
    );
  }
  return connectionString;
}

/** The timeouts every connection to our database gets (see pg-timeouts); the configuration's defaults until set. */
export function databaseTimeouts(): DatabaseTimeouts {
  return holder[TIMEOUTS_KEY] ?? { connectMs: 5_000, statementMs: 15_000 };
}

function newPool(name: string, max: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl(),
    max,
    application_name: name,
    ...pgTimeouts(databaseTimeouts()),
  });
  // An idle connection dropped by the server (Postgres stopped) must not crash the
  // process; the next query reconnects or fails with a classified error.
  pool.on("error", poolError(name));
  return pool;
}

/** One short line per lost connection: the error object holds the whole client. */
function poolError(pool: string): (err: Error) => void {
  return (err) => log().warn({ pool, err: err.message }, "database connection lost");
}

/**
 * A small plain `pg` pool for the one write on every request's path (usage batches):
 * measured under load, Prisma's query machinery cost about half the gateway's CPU there,
 * while one parameterised multi-row INSERT costs next to nothing.
 */
export function getPgPool(): pg.Pool {
  holder[PG_KEY] ??= newPool("gateway-bulk", 4);
  return holder[PG_KEY];
}

/** Closes the shared client's and the bulk pool's connections; the next call builds new ones. */
export async function disconnectPrisma(): Promise<void> {
  const client = holder[KEY];
  const prismaPool = holder[PRISMA_POOL_KEY];
  const pool = holder[PG_KEY];
  delete holder[KEY];
  delete holder[PRISMA_POOL_KEY];
  delete holder[PG_KEY];
  await client?.$disconnect().catch(() => {});
  await Promise.all([prismaPool?.end().catch(() => {}), pool?.end().catch(() => {})]);
}
