/**
 * Runs the real product (`scripts/start.ts`: Next custom server + gateway core) as a
 * child process on a free port, against the test database, with provider base URLs
 * pointing at a simulator the test controls.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const TEST_ADMIN_KEY = "gwadmin-test-admin-key-0123456789abcdef0123456789";
/** Shared by every instance of a test run: credentials sealed by one are opened by another. */
export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");

export interface GatewayProcess {
  url: string;
  door: "node" | "next";
  output(): string;
  stop(): Promise<void>;
}

export async function startGatewayProcess(opts: { env: Record<string, string>; door?: "node" | "next" }): Promise<GatewayProcess> {
  const door = opts.door ?? "node";
  const root = path.resolve(import.meta.dirname, "../..");
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: process.env.DATABASE_URL,
      NODE_ENV: "production",
      PORT: "0",
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
      ADMIN_API_KEY: TEST_ADMIN_KEY,
      ADMIN_EMAIL: "admin@test.local",
      ADMIN_PASSWORD: "test-password-123",
      GATEWAY_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      AUTH_SECRET: "test-auth-secret",
      GATEWAY_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "gw-test-")),
      GATEWAY_V1_DOOR: door,
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready at (http:\/\/localhost:\d+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`gateway exited with ${code} before it was ready:\n${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url,
    door,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Admin API call with the test admin key; throws with the body on a non-2xx. */
export async function admin<T = Record<string, unknown>>(baseUrl: string, method: string, pathname: string, body?: unknown): Promise<T> {
  const res = await fetch(baseUrl + pathname, {
    method,
    headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${pathname} -> ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** A fresh tenant with one key; returns the plaintext key. */
export async function issueTenantKey(baseUrl: string, name: string, keyInput: Record<string, unknown> = {}) {
  const tenant = await admin<{ id: string }>(baseUrl, "POST", "/api/admin/tenants", { name });
  const key = await admin<{ id: string; key: string; prefix: string }>(baseUrl, "POST", `/api/admin/tenants/${tenant.id}/keys`, keyInput);
  return { tenantId: tenant.id, keyId: key.id, key: key.key, prefix: key.prefix };
}
