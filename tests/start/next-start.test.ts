/**
 * Plain `next start`, as a container or platform host runs the built app: on a fresh
 * (empty, unmigrated) database and a fresh data directory, with no other step, the
 * instrumentation hook migrates, seeds, starts the simulator and the breakers, and
 * `/v1/*` answers the `openai` client. A bad configuration stops it in one line.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startProductProcess, type ProductProcess } from "../support/product-process";

const root = path.resolve(import.meta.dirname, "../..");
const NEXT_BIN = "node_modules/next/dist/bin/next";

let db: TestDatabase;
let dataDir: string;
let gw: ProductProcess | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "gw-next-start-"));
});
afterAll(async () => {
  await gw?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  await db.drop();
});

describe("next start on its own", () => {
  it("migrates, seeds and serves a completion on a fresh database with no other step", async () => {
    gw = await startProductProcess(
      { DATABASE_URL: db.url, GATEWAY_DATA_DIR: dataDir, NEXT_MANUAL_SIG_HANDLE: "true" },
      [NEXT_BIN, "start", "--port", "0"],
    );
    const out = gw.output();
    expect(out).toMatch(/Providers: SIMULATED/);
    const adminKey = /ADMIN_API_KEY\s+(\S+)/.exec(out)?.[1];
    expect(adminKey).toMatch(/^gwadmin-/);

    const ready = await fetch(`${gw.url}/ready`);
    expect(await ready.json()).toMatchObject({
      ready: true,
      database: "ok",
      pendingMigrations: [],
    });

    const admin = (method: string, pathname: string, body: unknown) =>
      fetch(gw!.url + pathname, {
        method,
        headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const tenant = (await (
      await admin("POST", "/api/admin/tenants", { name: "next-start" })
    ).json()) as { id: string };
    const issued = (await (
      await admin("POST", `/api/admin/tenants/${tenant.id}/keys`, { name: "next-start" })
    ).json()) as { key: string };

    const client = new OpenAI({ apiKey: issued.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
    const { data, response } = await client.chat.completions
      .create({ model: "auto", messages: [{ role: "user", content: "Hello from next start." }] })
      .withResponse();
    expect(response.headers.get("x-gateway-simulated")).toBe("true");
    expect(data.choices[0]!.message.content?.length).toBeGreaterThan(0);

    // Breakers are live: the providers endpoint reports them from the runtime.
    const providers = (await (await fetch(`${gw.url}/providers`)).json()) as {
      simulated: boolean;
      providers: { online: boolean }[];
    };
    expect(providers.simulated).toBe(true);
    expect(providers.providers.some((p) => p.online)).toBe(true);

    // A path that does not decode is the caller's 400 here too, not Next's bare 500.
    const undecodable = await fetch(`${gw.url}/api/admin/keys/%E0%A4%A`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${adminKey}` },
    });
    expect(undecodable.status).toBe(400);
    expect(await undecodable.json()).toMatchObject({ error: { type: "invalid_request_error" } });

    expect(await gw.stop()).toEqual({ code: 0, signal: null });
    gw = undefined;
  }, 120_000);

  it("stops on a bad configuration value with one line naming it", async () => {
    const bad = path.join(dataDir, "bad");
    const child = spawn(process.execPath, [NEXT_BIN, "start", "--port", "0"], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        GATEWAY_DATA_DIR: bad,
        GATEWAY_REQUEST_DEADLINE_MS: "abc",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) =>
      child.once("exit", (c) => resolve(c)),
    );
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([
      expect.stringMatching(
        /^Invalid configuration: GATEWAY_REQUEST_DEADLINE_MS="abc" is invalid: expected a whole number of milliseconds/,
      ),
    ]);
    expect(existsSync(bad)).toBe(false);
  }, 60_000);
});
