/**
 * The one-line start with no configuration at all: no DATABASE_URL (so the embedded
 * Postgres), no provider key (so the simulator, said so everywhere), no admin secrets
 * (so generated and printed once). Then a clean SIGTERM, and a second start on the same
 * data directory that prints no secrets and still has everything from the first.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import OpenAI from "openai";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startProductProcess, type ProductProcess } from "../support/product-process";
import { waitFor } from "../support/wait-for";

const STEP_TIMEOUT = 180_000;

let dataDir: string;
let running: ProductProcess | undefined;

/** What the first run hands to the second. */
const first = {
  adminKey: "",
  password: "",
  tenantId: "",
  tenantKey: "",
  requestIds: [] as string[],
};

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "gw-first-start-"));
});

afterAll(async () => {
  await running?.stop();
  // A Postgres orphaned by a crashed run of this test: ours (its command line names our
  // data directory), stop it by its pid.
  const pid = postmasterPid();
  if (pid !== undefined) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(dataDir))
        process.kill(pid, "SIGINT");
    } catch {
      // already gone
    }
  }
  await rm(dataDir, { recursive: true, force: true });
}, STEP_TIMEOUT);

/** The only configuration the tests pass: a port of 0 and a scratch data directory. */
function start(extra: Record<string, string> = {}): Promise<ProductProcess> {
  return startProductProcess({ PORT: "0", GATEWAY_DATA_DIR: dataDir, ...extra });
}

function postmasterPid(): number | undefined {
  const file = path.join(dataDir, "postgres", "postmaster.pid");
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, "utf8").split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The embedded database, found the way its layout documents: port and password files under the data dir. */
function embeddedDatabaseUrl(): string {
  const port = readFileSync(path.join(dataDir, "postgres.port"), "utf8").trim();
  const password = readFileSync(path.join(dataDir, "postgres.password"), "utf8").trim();
  return `postgresql://postgres:${password}@127.0.0.1:${port}/gateway`;
}

async function usageRequestIds(requestIds: string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: embeddedDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ requestId: string }>(
      'SELECT "requestId" FROM "UsageRecord" WHERE "requestId" = ANY($1)',
      [requestIds],
    );
    return rows.map((r) => r.requestId).sort();
  } finally {
    await client.end();
  }
}

async function adminCall<T>(
  gw: ProductProcess,
  adminKey: string,
  method: string,
  pathname: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  const res = await fetch(gw.url + pathname, {
    method,
    headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as T };
}

async function expectHealthyAndReady(gw: ProductProcess): Promise<void> {
  const health = await fetch(`${gw.url}/health`);
  expect(health.status).toBe(200);
  const ready = await fetch(`${gw.url}/ready`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toMatchObject({ ready: true, database: "ok", pendingMigrations: [] });
}

/** Signs in through next-auth's own credentials endpoints; true when a session cookie comes back. */
async function signIn(gw: ProductProcess, email: string, password: string): Promise<boolean> {
  const csrf = await fetch(`${gw.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await fetch(`${gw.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: gw.url },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  return res.headers.getSetCookie().some((c) => /session-token=[^;]+/.test(c));
}

const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

describe("first start with no configuration", () => {
  it(
    "refuses a taken port at once, before building or seeding, so the next start still shows the secrets",
    async () => {
      const holder = createServer();
      await new Promise<void>((resolve) => holder.listen(0, "0.0.0.0", resolve));
      const port = (holder.address() as AddressInfo).port;
      try {
        const startedAt = Date.now();
        const refused = start({ PORT: String(port) });
        await expect(refused).rejects.toThrow(/port \d+ is already in use/);
        console.log(`[first-start] a taken port refused in ${Date.now() - startedAt} ms`);
        // Nothing was seeded: no database was even created.
        expect(existsSync(path.join(dataDir, "postgres"))).toBe(false);
      } finally {
        await new Promise((resolve) => holder.close(resolve));
      }
    },
    STEP_TIMEOUT,
  );

  it(
    "starts the embedded database and the simulator, and prints the admin secrets once",
    async () => {
      running = await start();
      const gw = running;
      await waitFor(async () => gw.output().includes("Dashboard login"), {
        what: "the whole banner",
      });
      const out = gw.output();
      expect(out).toContain(`Database: embedded Postgres (${path.join(dataDir, "postgres")})`);
      expect(out).toMatch(/Providers: SIMULATED/);
      expect(out).toMatch(/Simulator: http:\/\/\S+:\d+ +fault control: http:\/\/\S+\/_sim\/faults/);
      first.adminKey = /ADMIN_API_KEY\s+(\S+)/.exec(out)?.[1] ?? "";
      first.password = /Dashboard login \S+ \/ (\S+)/.exec(out)?.[1] ?? "";
      expect(first.adminKey).toMatch(/^gwadmin-\S{20,}$/);
      expect(first.password.length).toBeGreaterThanOrEqual(12);
      expect(occurrences(out, first.adminKey)).toBe(1);
      expect(occurrences(out, first.password)).toBe(1);
      expect(existsSync(path.join(dataDir, "postgres", "PG_VERSION"))).toBe(true);

      await expectHealthyAndReady(gw);
      const providers = (await (await fetch(`${gw.url}/providers`)).json()) as {
        simulated: boolean;
        providers: { id: string; simulated: boolean; online: boolean }[];
      };
      expect(providers.simulated).toBe(true);
      expect(providers.providers.length).toBeGreaterThan(0);
      expect(providers.providers.every((p) => p.simulated)).toBe(true);
      expect(providers.providers.some((p) => p.online)).toBe(true);
    },
    STEP_TIMEOUT,
  );

  it(
    "serves a completion and a stream from the simulated providers with the generated admin key",
    async () => {
      const gw = running!;
      const tenant = await adminCall<{ id: string }>(
        gw,
        first.adminKey,
        "POST",
        "/api/admin/tenants",
        { name: "first-start" },
      );
      expect(tenant.status).toBe(201);
      const key = await adminCall<{ id: string; key: string; prefix: string }>(
        gw,
        first.adminKey,
        "POST",
        `/api/admin/tenants/${tenant.json.id}/keys`,
        { name: "first" },
      );
      expect(key.status).toBe(201);
      first.tenantId = tenant.json.id;
      first.tenantKey = key.json.key;

      const client = new OpenAI({
        apiKey: first.tenantKey,
        baseURL: `${gw.url}/v1`,
        maxRetries: 0,
      });
      const { data, response } = await client.chat.completions
        .create({
          model: "auto",
          messages: [{ role: "user", content: "Hello from the first start." }],
        })
        .withResponse();
      expect(response.headers.get("x-gateway-simulated")).toBe("true");
      expect(data.choices[0]!.message.content?.length).toBeGreaterThan(0);
      first.requestIds.push(response.headers.get("x-request-id")!);
      // Metering works on the embedded database.
      await waitFor(async () => (await usageRequestIds(first.requestIds)).length === 1, {
        what: "the first usage row",
      });

      const { data: stream, response: streamed } = await client.chat.completions
        .create({
          model: "auto",
          stream: true,
          messages: [{ role: "user", content: "Stream from the first start." }],
        })
        .withResponse();
      expect(streamed.headers.get("x-gateway-simulated")).toBe("true");
      const { response: models } = await client.models.list().withResponse();
      expect(models.headers.get("x-gateway-simulated")).toBe("true");
      let text = "";
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
      expect(text.length).toBeGreaterThan(0);
      // Its usage row may still be in the meter's buffer when the stop comes: it must not be lost.
      first.requestIds.push(streamed.headers.get("x-request-id")!);
    },
    STEP_TIMEOUT,
  );

  it(
    "stops on SIGTERM with exit code 0 and stops the embedded Postgres",
    async () => {
      const pid = postmasterPid();
      expect(pid).toBeDefined();
      expect(isAlive(pid!)).toBe(true);
      const url = embeddedDatabaseUrl();

      const { code, signal } = await running!.stop();
      running = undefined;
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(isAlive(pid!)).toBe(false);
      expect(existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(false);
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
      await expect(client.connect()).rejects.toThrow();
      await client.end().catch(() => {});
    },
    STEP_TIMEOUT,
  );

  it(
    "starts again on the same data: no secrets printed, old admin key, tenant key and usage intact",
    async () => {
      running = await start();
      const gw = running;
      const out = gw.output();
      expect(out).toMatch(/Providers: SIMULATED/);
      expect(out).not.toMatch(/ADMIN_API_KEY|Dashboard login|First start/);
      for (const secret of [first.adminKey, first.password, first.tenantKey])
        expect(out.includes(secret)).toBe(false);
      await expectHealthyAndReady(gw);

      const tenants = await adminCall<{ data: { id: string }[] }>(
        gw,
        first.adminKey,
        "GET",
        "/api/admin/tenants",
      );
      expect(tenants.status).toBe(200);
      expect(tenants.json.data.map((t) => t.id)).toContain(first.tenantId);

      const client = new OpenAI({
        apiKey: first.tenantKey,
        baseURL: `${gw.url}/v1`,
        maxRetries: 0,
      });
      const { data, response } = await client.chat.completions
        .create({ model: "auto", messages: [{ role: "user", content: "Hello again." }] })
        .withResponse();
      expect(response.headers.get("x-gateway-simulated")).toBe("true");
      expect(data.choices[0]!.message.content?.length).toBeGreaterThan(0);

      const expected = [...first.requestIds].sort();
      expect(
        await waitFor(
          async () => {
            const found = await usageRequestIds(expected);
            return found.length === expected.length ? found : undefined;
          },
          { what: "the first run's usage rows" },
        ),
      ).toEqual(expected);

      const { code } = await running.stop();
      running = undefined;
      expect(code).toBe(0);
    },
    STEP_TIMEOUT,
  );

  it(
    "resets the dashboard password from ADMIN_PASSWORD alone, logging it without the password",
    async () => {
      const replacement = "reset-password-0123456789";
      running = await start({ ADMIN_PASSWORD: replacement });
      const gw = running;
      await waitFor(async () => /dashboard password replaced/.test(gw.output()), {
        what: "the password reset log line",
      });
      expect(gw.output()).not.toContain(replacement);
      expect(await signIn(gw, "admin@localhost", first.password)).toBe(false);
      expect(await signIn(gw, "admin@localhost", replacement)).toBe(true);
      expect((await running.stop()).code).toBe(0);
      running = undefined;
    },
    STEP_TIMEOUT,
  );

  it(
    "logs, without the key, when ADMIN_API_KEY replaces the stored admin key",
    async () => {
      const replacement = "gwadmin-replacement-0123456789abcdefghijklmnop";
      running = await start({ ADMIN_API_KEY: replacement });
      const gw = running;
      await waitFor(async () => /admin API key replaced/.test(gw.output()), {
        what: "the replacement log line",
      });
      expect(gw.output()).not.toContain(replacement);
      expect((await adminCall(gw, first.adminKey, "GET", "/api/admin/tenants")).status).toBe(401);
      expect((await adminCall(gw, replacement, "GET", "/api/admin/tenants")).status).toBe(200);
      expect((await running.stop()).code).toBe(0);
      running = undefined;
    },
    STEP_TIMEOUT,
  );
});
