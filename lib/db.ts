/**
 * The one place a PrismaClient is created. Next.js bundles route handlers apart from
 * our custom server, so a module-level variable would exist once per bundle; the
 * client is kept on globalThis instead, under a registry Symbol both bundles share,
 * giving one client (and one connection pool) per process.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";

const KEY = Symbol.for("llm-gateway.prisma-client");
const PG_KEY = Symbol.for("llm-gateway.pg-pool");
const URL_KEY = Symbol.for("llm-gateway.database-url");

type Holder = { [KEY]?: PrismaClient; [PG_KEY]?: pg.Pool; [URL_KEY]?: string };
const holder = globalThis as Holder;

/**
 * Names the database every later getPrisma()/getPgPool() connects to: DATABASE_URL or
 * the embedded database the bootstrap started. Called once at start (and by tests);
 * changing it closes nothing, so call disconnectPrisma() first when switching.
 */
export function setDatabaseUrl(url: string): void {
  holder[URL_KEY] = url;
}

export function getPrisma(): PrismaClient {
  const existing = holder[KEY];
  if (existing) return existing;
  // Read at first use, not import: the bootstrap names it after starting the
  // embedded database.
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl() }) });
  holder[KEY] = client;
  return client;
}

function databaseUrl(): string {
  const connectionString = holder[URL_KEY];
  if (!connectionString) {
    throw new Error("No database chosen yet: the bootstrap calls setDatabaseUrl() with DATABASE_URL or the embedded database's URL");
  }
  return connectionString;
}

/**
 * A small plain `pg` pool for the one write on every request's path (usage batches):
 * measured under load, Prisma's query machinery cost about half the gateway's CPU there,
 * while one parameterised multi-row INSERT costs next to nothing.
 */
export function getPgPool(): pg.Pool {
  holder[PG_KEY] ??= new pg.Pool({ connectionString: databaseUrl(), max: 4, application_name: "gateway-bulk" });
  return holder[PG_KEY];
}

/** Closes the shared client's and the bulk pool's connections; the next call builds new ones. */
export async function disconnectPrisma(): Promise<void> {
  const client = holder[KEY];
  const pool = holder[PG_KEY];
  delete holder[KEY];
  delete holder[PG_KEY];
  await Promise.all([client?.$disconnect(), pool?.end()]);
}
