/**
 * Playwright's web server: the real product in simulated-provider mode, on a fresh
 * database that is dropped when Playwright stops it.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations } from "../../lib/database/migrate";
import { ensureBuild } from "../../scripts/ensure-build";
import { createTestDatabase, stopTestServer } from "../../tests/support/test-database";
import { E2E_ADMIN_KEY, E2E_ADMIN_EMAIL, E2E_ADMIN_PASSWORD, E2E_SIM_PORT } from "./credentials";

async function main() {
  ensureBuild();
  const db = await createTestDatabase();
  await applyMigrations(db.url);
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    stdio: "inherit",
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      DATABASE_URL: db.url,
      PORT: process.env.E2E_PORT ?? "0",
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
      GATEWAY_SIMULATED_PROVIDERS: "1",
      // The browser tests drive the simulator's fault control, and see a dead key's confirming probe within seconds.
      GATEWAY_SIMULATOR_PORT: String(E2E_SIM_PORT),
      GATEWAY_BREAKER_AUTH_PROBE_MS: "4000",
      ADMIN_API_KEY: E2E_ADMIN_KEY,
      ADMIN_EMAIL: E2E_ADMIN_EMAIL,
      ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      GATEWAY_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "gw-e2e-")),
    },
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    await db.drop();
    await stopTestServer();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
  child.once("exit", (code) => {
    if (!stopping) {
      void db.drop().finally(() => process.exit(code ?? 1));
    }
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
