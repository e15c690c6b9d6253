import { execFileSync } from "node:child_process";
import { defineConfig } from "@playwright/test";
import { ADMIN_STORAGE } from "./e2e/support/storage";

/**
 * Browser tests drive the production build in Debian's Chromium (never a downloaded
 * browser). The server is the real product on its own throwaway database.
 */
// A port the system picks, once: worker processes inherit it through the environment.
process.env.E2E_PORT ??= freePort();
// The built-in simulator's port, so dashboard specs can inject provider faults.
process.env.E2E_SIM_PORT ??= freePort();
const PORT = Number(process.env.E2E_PORT);

function freePort(): string {
  const probe =
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return execFileSync(process.execPath, ["-e", probe]).toString().trim();
}

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: process.env.CI ? "list" : "list",
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    // Signs in once; every dashboard spec reuses the session cookie.
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    { name: "public", testMatch: /e2e\/public\/.*\.spec\.ts$/ },
    {
      name: "dashboard",
      testMatch: /e2e\/dashboard\/.*\.spec\.ts$/,
      dependencies: ["setup"],
      use: { storageState: ADMIN_STORAGE },
    },
  ],
  webServer: {
    command: `node --import tsx e2e/support/serve.ts`,
    url: `http://127.0.0.1:${PORT}/health`,
    // The first run builds the app; on a busy 2-core machine that alone can take several minutes.
    timeout: 600_000,
    reuseExistingServer: false,
    // SIGTERM rather than Playwright's default SIGKILL, so serve.ts drops its database.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    env: {
      E2E_PORT: String(PORT),
      E2E_SIM_PORT: process.env.E2E_SIM_PORT,
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdout: "pipe",
    stderr: "pipe",
  },
});
