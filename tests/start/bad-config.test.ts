/**
 * A bad value in the environment stops `npm start` before anything heavy runs: exit
 * code 1, one line on stderr naming the variable and what it expects, no data
 * directory created, no secret echoed.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const scratch = mkdtempSync(path.join(os.tmpdir(), "gw-bad-config-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function start(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}

const CASES = [
  { variable: "GATEWAY_REQUEST_DEADLINE_MS", value: "abc", expects: "milliseconds" },
  { variable: "PORT", value: "x", expects: "port number" },
  { variable: "OPENAI_BASE_URL", value: "not a url", expects: "URL" },
  { variable: "GATEWAY_BREAKER_PROVIDER_MIN_VOLUME", value: "-3", expects: "whole number" },
  {
    variable: "DATABASE_URL",
    value: "mysql://root:hunter2-secret@db/gateway",
    expects: "postgres",
  },
];

describe("npm start with a bad configuration value", () => {
  it.concurrent.each(CASES)(
    "$variable=$value stops the start in one line",
    async ({ variable, value, expects }) => {
      const dataDir = path.join(scratch, variable);
      const { code, stdout, stderr } = await start({
        [variable]: value,
        GATEWAY_DATA_DIR: dataDir,
      });
      expect(code).toBe(1);
      const lines = stderr.trim().split("\n");
      expect(lines, stderr).toHaveLength(1);
      expect(lines[0]).toContain(variable);
      expect(lines[0]).toContain(expects);
      expect(stdout).not.toContain("ready at");
      // Nothing ran past the configuration: no embedded database, no secrets file.
      expect(existsSync(dataDir)).toBe(false);
      expect(stderr).not.toContain("hunter2-secret");
    },
  );

  it("names every bad variable in the same line", async () => {
    const { code, stderr } = await start({
      PORT: "99999",
      ALERT_WEBHOOK_URL: "ftp://alerts",
      GATEWAY_DATA_DIR: path.join(scratch, "several"),
    });
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain("PORT");
    expect(stderr).toContain("ALERT_WEBHOOK_URL");
  });
});
