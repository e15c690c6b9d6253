/**
 * Runs the real product as a child process on a port the system picks, against the
 * test database, with provider base URLs pointing at a simulator the test controls.
 * Doors: `node` and `next` are `npm start`'s server (scripts/start.ts) with `/v1/*`
 * to the core directly or through the route handlers; `next-start` is plain
 * `next start` (NEXT_MANUAL_SIG_HANDLE=true), bootstrapped by the instrumentation hook.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** Longer than a cold start with an embedded Postgres on a loaded machine; below the suites' hook timeout. */
const READY_TIMEOUT_MS = 100_000;

export const TEST_ADMIN_KEY = "gwadmin-test-admin-key-0123456789abcdef0123456789";
/** Shared by every instance of a test run: credentials sealed by one are opened by another. */
export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");

export type GatewayDoor = "node" | "next" | "next-start";

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface GatewayProcess {
  url: string;
  door: GatewayDoor;
  /** The process started (npm itself when started through npm): to read its memory. */
  pid: number;
  output(): string;
  /** Sends a signal to the process started (npm itself when started through npm). */
  kill(signal: NodeJS.Signals): void;
  exited: Promise<ExitStatus>;
  /** SIGTERM (unless already gone), then the exit status. */
  stop(): Promise<ExitStatus>;
}

const NEXT_BIN = "node_modules/next/dist/bin/next";

/**
 * `viaNpm`: start it the way an operator does, `npm start` (or `npm run start:next`
 * for the `next-start` door), so that signals go through npm and its shell.
 */
export async function startGatewayProcess(opts: {
  env: Record<string, string>;
  door?: GatewayDoor;
  viaNpm?: boolean;
  /**
   * A full disk without root: the largest file the process may write (`ulimit -f`, in
   * 512-byte blocks); past it a write fails with EFBIG (SIGXFSZ ignored, as on a full disk).
   */
  maxFileBlocks?: number;
}): Promise<GatewayProcess> {
  const door = opts.door ?? "node";
  const root = path.resolve(import.meta.dirname, "../..");
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "gw-test-"));
  const [command, args] = opts.viaNpm
    ? [
        "npm",
        door === "next-start"
          ? ["run", "--silent", "start:next", "--", "--port", "0"]
          : ["start", "--silent"],
      ]
    : [
        process.execPath,
        door === "next-start"
          ? [NEXT_BIN, "start", "--port", "0"]
          : ["--import", "tsx", "scripts/start.ts"],
      ];
  const [program, argv] =
    opts.maxFileBlocks === undefined
      ? [command, args]
      : [
          "sh",
          ["-c", `trap '' XFSZ; ulimit -f ${opts.maxFileBlocks}; exec "$0" "$@"`, command, ...args],
        ];
  const child: ChildProcess = spawn(program, argv, {
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
      GATEWAY_DATA_DIR: dataDir,
      // Through npm, `start:next` sets NEXT_MANUAL_SIG_HANDLE itself.
      ...(door === "next-start"
        ? opts.viaNpm
          ? {}
          : { NEXT_MANUAL_SIG_HANDLE: "true" }
        : { GATEWAY_V1_DOOR: door }),
      ...(opts.viaNpm ? { npm_config_update_notifier: "false" } : {}),
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // However the process ends, its data directory (secrets, usage journal) goes with it.
  const exited = new Promise<ExitStatus>((resolve) =>
    child.once("exit", (code, signal) => {
      rmSync(dataDir, { recursive: true, force: true });
      resolve({ code, signal });
    }),
  );
  let output = "";
  // A process that never gets ready is killed, not left behind when the test gives up.
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`not ready within ${READY_TIMEOUT_MS} ms:\n${output}`));
    }, READY_TIMEOUT_MS);
    void exited.then(() => clearTimeout(timer));
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready at (http:\/\/localhost:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then(({ code, signal }) =>
      reject(new Error(`gateway exited with ${code ?? signal} before it was ready:\n${output}`)),
    );
  });
  return {
    url,
    door,
    pid: child.pid!,
    output: () => output,
    kill: (signal) => void child.kill(signal),
    exited,
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

/** Admin API call with the test admin key; throws with the body on a non-2xx. */
export async function admin<T = Record<string, unknown>>(
  baseUrl: string,
  method: string,
  pathname: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(baseUrl + pathname, {
    method,
    headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${pathname} -> ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** A fresh tenant with one key; returns the plaintext key. Names are unique, so each gets a random suffix. */
export async function issueTenantKey(
  baseUrl: string,
  name: string,
  keyInput: Record<string, unknown> = {},
  tenantInput: Record<string, unknown> = {},
) {
  const tenant = await admin<{ id: string }>(baseUrl, "POST", "/api/admin/tenants", {
    name: `${name}-${Math.random().toString(36).slice(2, 8)}`,
    ...tenantInput,
  });
  const key = await admin<{ id: string; key: string; prefix: string }>(
    baseUrl,
    "POST",
    `/api/admin/tenants/${tenant.id}/keys`,
    keyInput,
  );
  return { tenantId: tenant.id, keyId: key.id, key: key.key, prefix: key.prefix };
}
