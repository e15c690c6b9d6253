/**
 * The one place a PrismaClient is created. Next.js bundles route handlers apart from
 * our custom server, so a module-level variable would exist once per bundle; the
 * client is kept on globalThis instead, under a registry Symbol both bundles share,
 * giving one client (and one connection pool) per process.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

const KEY = Symbol.for("llm-gateway.prisma-client");

type Holder = { [KEY]?: PrismaClient };
const holder = globalThis as Holder;

export function getPrisma(): PrismaClient {
  const existing = holder[KEY];
  if (existing) return existing;
  // Read at first use, not import: the start script sets it after starting the
  // embedded database.
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set (the start script sets it, starting the embedded database when needed)");
  }
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
  holder[KEY] = client;
  return client;
}

/** Closes the shared client's pool; the next getPrisma() builds a new one. */
export async function disconnectPrisma(): Promise<void> {
  const client = holder[KEY];
  if (!client) return;
  delete holder[KEY];
  await client.$disconnect();
}
