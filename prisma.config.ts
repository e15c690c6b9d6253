import { defineConfig } from "prisma/config";

// The runtime connects through @prisma/adapter-pg (see lib/db.ts); the URL here only
// serves Prisma's CLI where its schema engine is available.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/gateway" },
});
