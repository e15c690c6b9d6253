/**
 * The embedded Postgres keeps its data, port and password across starts, and
 * recovers from a postmaster.pid left behind by a crash.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type RunningPostgres } from "../../lib/database/embedded-postgres";
import { resolveDatabaseUrl } from "../../lib/database/resolve-database-url";

const dirs: string[] = [];
const running: RunningPostgres[] = [];

afterAll(async () => {
  await Promise.all(running.map((r) => r.stop()));
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function start(dataDir: string): Promise<RunningPostgres> {
  const server = await startEmbeddedPostgres({ dataDir });
  running.push(server);
  return server;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A pid no process has right now. */
function unusedPid(): number {
  for (let pid = 4_000_000; ; pid--) {
    try {
      process.kill(pid, 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ESRCH") return pid;
    }
  }
}

describe("startEmbeddedPostgres", () => {
  it("persists data, port and password across restarts", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "gw-embedded-pg-"));
    dirs.push(dataDir);

    const first = await start(dataDir);
    expect(first.url).toMatch(/^postgresql:\/\/postgres:[0-9a-f]+@127\.0\.0\.1:\d+\/gateway$/);
    expect(new URL(first.url).port).not.toBe("5432");
    await query(first.url, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
    await first.stop();

    expect((await stat(path.join(dataDir, "postgres.password"))).mode & 0o777).toBe(0o600);
    expect((await readFile(path.join(dataDir, "postgres.port"), "utf8")).trim()).toBe(
      new URL(first.url).port,
    );

    const second = await start(dataDir);
    expect(second.url).toBe(first.url);
    expect(await query(second.url, "SELECT v FROM kept")).toEqual([{ v: "still here" }]);
    await second.stop();

    // A crash leaves postmaster.pid behind; its pid may since belong to nobody.
    const pidFile = path.join(dataDir, "postgres", "postmaster.pid");
    const port = new URL(first.url).port;
    await writeFile(
      pidFile,
      `${unusedPid()}\n${path.join(dataDir, "postgres")}\n0\n${port}\n\n127.0.0.1\n0 0\nready\n`,
    );
    const third = await start(dataDir);
    expect(await query(third.url, "SELECT v FROM kept")).toEqual([{ v: "still here" }]);
    await third.stop();
  });
});

describe("resolveDatabaseUrl", () => {
  it("returns DATABASE_URL as given, starting nothing", async () => {
    const given = "postgresql://someone@db.example:5432/gateway";
    const resolved = await resolveDatabaseUrl({ databaseUrl: given, dataDir: "/nonexistent" });
    expect(resolved).toMatchObject({ url: given, embedded: false });
    await resolved.stop();
  });
});
